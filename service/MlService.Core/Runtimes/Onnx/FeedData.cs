using Microsoft.ML.OnnxRuntime;

namespace MlService.Core.Runtimes.Onnx;

/// <summary>One input's data for a request: a flat typed array of rows * <see cref="Width"/> elements.</summary>
internal sealed record FeedData(Array Values, int Width, long[] RowShape)
{
    /// <summary>A tensor over rows [start, start + rows); it pins <see cref="Values"/> until disposed.</summary>
    public OrtValue Slice(int start, int rows) => InputTensors.Create(Values, start * Width, rows * Width, [rows, .. RowShape]);
}
