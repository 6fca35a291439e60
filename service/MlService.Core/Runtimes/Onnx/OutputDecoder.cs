using System.Runtime.InteropServices;
using MlService.Core.Frames;
using MlService.Core.Signatures;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace MlService.Core.Runtimes.Onnx;

/// <summary>
/// Turns one graph output into a frame column: a tensor is flattened per row (Width = product of the non-batch
/// dimensions, as MLflow's <c>reshape(-1)</c> per output); a ZipMap sequence of maps becomes a probability
/// vector with the class labels as slot names.
/// </summary>
internal static class OutputDecoder
{
    public static FrameColumn Decode(GraphValue output, OrtValue value, int rows) => value.OnnxType switch
    {
        OnnxValueType.ONNX_TYPE_TENSOR => Tensor(output.Name, value, rows),
        OnnxValueType.ONNX_TYPE_SEQUENCE => MapSequence(output.Name, value, rows),
        var other => throw new NotSupportedException($"output '{output.Name}' is a {other}"),
    };

    /// <summary>An empty column for a request of zero rows, shaped like the output would be.</summary>
    public static FrameColumn Empty(GraphValue output) => FrameColumn.Allocate(output.Name, output.Kind, 0);

    private static FrameColumn Tensor(string name, OrtValue value, int rows)
    {
        var info = value.GetTensorTypeAndShape();
        var kind = OnnxTypes.KindOf(info.ElementDataType) ?? throw new NotSupportedException($"output '{name}' has elements of {info.ElementDataType}");
        var count = checked((int)info.ElementCount);
        if (rows == 0 || count % rows != 0)
            throw new InvalidOperationException($"output '{name}' has {count} values, which do not split into {rows} rows");
        var shape = info.Shape;
        var rowShape = shape.Length > 2 && shape[0] == rows ? shape[1..] : null;
        Array values = info.ElementDataType switch
        {
            TensorElementType.String => value.GetStringTensorAsArray(),
            TensorElementType.Float16 => MemoryMarshal.Cast<Float16, Half>(value.GetTensorDataAsSpan<Float16>()).ToArray(),
            _ => CopyNumeric(value, kind),
        };
        return new FrameColumn(name, kind, values, count / rows, shape: rowShape);
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
    /// ZipMap output: one map per row from class label (int64 or string) to probability. Every map holds the same
    /// classes; the first row's key order (ONNX Runtime emits them sorted) fixes the slots.
    /// </summary>
    private static FrameColumn MapSequence(string name, OrtValue sequence, int rows)
    {
        var count = sequence.GetValueCount();
        if (count != rows) throw new InvalidOperationException($"output '{name}' holds {count} maps for {rows} rows");
        var allocator = OrtAllocator.DefaultInstance;
        string[]? labels = null;
        Dictionary<string, int>? slots = null;
        float[] floats = [];
        double[] doubles = [];
        var isDouble = false;
        for (var row = 0; row < rows; row++)
        {
            using var map = sequence.GetValue(row, allocator);
            using var keys = map.GetValue(0, allocator);
            using var values = map.GetValue(1, allocator);
            var rowLabels = Labels(keys);
            if (labels is null)
            {
                labels = rowLabels;
                slots = labels.Select((l, i) => (l, i)).ToDictionary(p => p.l, p => p.i, StringComparer.Ordinal);
                isDouble = values.GetTensorTypeAndShape().ElementDataType == TensorElementType.Double;
                if (isDouble) doubles = new double[rows * labels.Length];
                else floats = new float[rows * labels.Length];
            }
            var width = labels.Length;
            if (isDouble) Scatter(values.GetTensorDataAsSpan<double>(), rowLabels, labels, slots!, doubles.AsSpan(row * width, width), name);
            else Scatter(values.GetTensorDataAsSpan<float>(), rowLabels, labels, slots!, floats.AsSpan(row * width, width), name);
        }
        labels ??= [];
        var width0 = Math.Max(1, labels.Length);
        return isDouble
            ? new FrameColumn(name, DataKind.Float64, doubles, width0, labels)
            : new FrameColumn(name, DataKind.Float32, floats, width0, labels);
    }

    private static void Scatter<T>(ReadOnlySpan<T> values, string[] rowLabels, string[] labels, Dictionary<string, int> slots, Span<T> target, string name)
    {
        if (rowLabels.AsSpan().SequenceEqual(labels))
        {
            values.CopyTo(target);
            return;
        }
        for (var i = 0; i < rowLabels.Length; i++)
        {
            if (!slots.TryGetValue(rowLabels[i], out var slot))
                throw new InvalidOperationException($"output '{name}' has class '{rowLabels[i]}' in one row only");
            target[slot] = values[i];
        }
    }

    private static string[] Labels(OrtValue keys) => keys.GetTensorTypeAndShape().ElementDataType switch
    {
        TensorElementType.String => keys.GetStringTensorAsArray(),
        TensorElementType.Int64 => Array.ConvertAll(keys.GetTensorDataAsSpan<long>().ToArray(), k => k.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        var other => throw new NotSupportedException($"map keys of {other}"),
    };
}
