using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace MlService.Core.Runtimes.Onnx;

/// <summary>
/// Turns one graph output into a frame column: a tensor is flattened per row (Width = product of the non-batch
/// dimensions, as MLflow's <c>reshape(-1)</c> per output) and keeps its per-row dimensions as the column's shape
/// (so [N, 1] stays [N, 1] where a protocol carries shapes); a ZipMap sequence of maps becomes a probability
/// vector with the class labels as slot names.
/// </summary>
internal static class OutputDecoder
{
    public static FrameColumn Decode(GraphValue output, OrtValue value, int rows) => value.OnnxType switch
    {
        OnnxValueType.ONNX_TYPE_TENSOR => Tensor(output, value, rows),
        OnnxValueType.ONNX_TYPE_SEQUENCE => MapSequence(output.Name, value, rows),
        var other => throw new NotSupportedException($"output '{output.Name}' is a {other}"),
    };

    /// <summary>An empty column for a request of zero rows, shaped like the output would be.</summary>
    public static FrameColumn Empty(GraphValue output) => FrameColumn.Allocate(output.Name, output.Kind, 0);

    private static FrameColumn Tensor(GraphValue output, OrtValue value, int rows)
    {
        var name = output.Name;
        var info = value.GetTensorTypeAndShape();
        var kind = OnnxTypes.KindOf(info.ElementDataType) ?? throw new NotSupportedException($"output '{name}' has elements of {info.ElementDataType}");
        var count = checked((int)info.ElementCount);
        if (rows == 0 || count % rows != 0)
            throw new InvalidOperationException($"output '{name}' has {count} values, which do not split into {rows} rows");
        var shape = info.Shape;
        // The tensor's own per-row dimensions ([1] for [N, 1]), so V2 answers with the shape the graph returned.
        var rowShape = shape.Length >= 2 && shape[0] == rows ? RowShape(output, shape) : null;
        Array values = info.ElementDataType switch
        {
            TensorElementType.String => value.GetStringTensorAsArray(),
            TensorElementType.Float16 => MemoryMarshal.Cast<Float16, Half>(value.GetTensorDataAsSpan<Float16>()).ToArray(),
            _ => CopyNumeric(value, kind),
        };
        return new FrameColumn(name, kind, values, count / rows, shape: rowShape);
    }

    private static IReadOnlyList<long> RowShape(GraphValue output, long[] shape)
    {
        if (output.RowDims is { } declared && shape.AsSpan(1).SequenceEqual(declared)) return declared;
        return shape[1..];
    }

    private static Array CopyNumeric(OrtValue value, DataKind kind) => kind switch
    {
        DataKind.Float32 => value.GetTensorDataAsSpan<float>().ToArray(),
        DataKind.Float64 => value.GetTensorDataAsSpan<double>().ToArray(),
        DataKind.Int64 => value.GetTensorDataAsSpan<long>().ToArray(),
        DataKind.Int32 => value.GetTensorDataAsSpan<int>().ToArray(),
        DataKind.Int16 => value.GetTensorDataAsSpan<short>().ToArray(),
        DataKind.Int8 => value.GetTensorDataAsSpan<sbyte>().ToArray(),
        DataKind.UInt8 => value.GetTensorDataAsSpan<byte>().ToArray(),
        DataKind.UInt16 => value.GetTensorDataAsSpan<ushort>().ToArray(),
        DataKind.UInt32 => value.GetTensorDataAsSpan<uint>().ToArray(),
        DataKind.UInt64 => value.GetTensorDataAsSpan<ulong>().ToArray(),
        DataKind.Boolean => value.GetTensorDataAsSpan<bool>().ToArray(),
        _ => throw new NotSupportedException($"tensor elements of kind {kind}"),
    };

    /// <summary>
    /// ZipMap output: one map per row from class label (int64 or string) to probability. ZipMap writes every row's
    /// map with the keys of its <c>classlabels</c> attribute in one order (ONNX-ML operator spec), so the keys are
    /// read from the first row only and the other rows contribute just their values: two native calls per row
    /// instead of three, and no per-row label strings. A row whose map has another size is refused.
    /// </summary>
    private static FrameColumn MapSequence(string name, OrtValue sequence, int rows)
    {
        var count = sequence.GetValueCount();
        if (count != rows) throw new InvalidOperationException($"output '{name}' holds {count} maps for {rows} rows");
        if (rows == 0) return new FrameColumn(name, DataKind.Float32, Array.Empty<float>(), 1, []);
        var allocator = OrtAllocator.DefaultInstance;
        string[] labels;
        bool isDouble;
        using (var first = sequence.GetValue(0, allocator))
        using (var keys = first.GetValue(0, allocator))
        using (var firstValues = first.GetValue(1, allocator))
        {
            labels = Labels(keys);
            isDouble = firstValues.GetTensorTypeAndShape().ElementDataType == TensorElementType.Double;
        }
        var width = Math.Max(1, labels.Length);
        return isDouble
            ? new FrameColumn(name, DataKind.Float64, Gather<double>(name, sequence, rows, labels.Length, allocator), width, labels)
            : new FrameColumn(name, DataKind.Float32, Gather<float>(name, sequence, rows, labels.Length, allocator), width, labels);
    }

    private static T[] Gather<T>(string name, OrtValue sequence, int rows, int width, OrtAllocator allocator) where T : unmanaged
    {
        var target = new T[rows * width];
        for (var row = 0; row < rows; row++)
        {
            using var map = sequence.GetValue(row, allocator);
            using var values = map.GetValue(1, allocator);
            var span = values.GetTensorDataAsSpan<T>();
            if (span.Length != width)
                throw new InvalidOperationException($"output '{name}' has {span.Length} classes in row {row} and {width} in row 0");
            span.CopyTo(target.AsSpan(row * width, width));
        }
        return target;
    }

    private static string[] Labels(OrtValue keys) => keys.GetTensorTypeAndShape().ElementDataType switch
    {
        TensorElementType.String => keys.GetStringTensorAsArray(),
        TensorElementType.Int64 => Array.ConvertAll(keys.GetTensorDataAsSpan<long>().ToArray(), k => k.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        var other => throw new NotSupportedException($"map keys of {other}"),
    };
}
