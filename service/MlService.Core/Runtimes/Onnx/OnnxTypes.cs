using Microsoft.ML.OnnxRuntime.Tensors;
using DataKind = MlService.Core.Signatures.DataKind;

namespace MlService.Core.Runtimes.Onnx;

/// <summary>Maps ONNX tensor element types to frame kinds and back.</summary>
internal static class OnnxTypes
{
    public static DataKind? KindOf(TensorElementType type) => type switch
    {
        TensorElementType.Float => DataKind.Float32,
        TensorElementType.Double => DataKind.Float64,
        TensorElementType.Float16 => DataKind.Float16,
        TensorElementType.Int8 => DataKind.Int8,
        TensorElementType.Int16 => DataKind.Int16,
        TensorElementType.Int32 => DataKind.Int32,
        TensorElementType.Int64 => DataKind.Int64,
        TensorElementType.UInt8 => DataKind.UInt8,
        TensorElementType.UInt16 => DataKind.UInt16,
        TensorElementType.UInt32 => DataKind.UInt32,
        TensorElementType.UInt64 => DataKind.UInt64,
        TensorElementType.Bool => DataKind.Boolean,
        TensorElementType.String => DataKind.String,
        _ => null,
    };

    /// <summary>Graph dimensions with every symbolic or unknown one as -1, as MLflow tensor specs write them.</summary>
    public static long[] Dims(IReadOnlyList<int> dimensions) => dimensions.Select(d => d > 0 ? (long)d : d == 0 ? 0L : -1L).ToArray();
}
