using DataKind = MlService.Core.Signatures.DataKind;

namespace MlService.Core.Runtimes.Onnx;

/// <summary>
/// One input or output of an ONNX graph as the runtime uses it: element kind and dimensions (-1 for symbolic).
/// <see cref="IsMapSequence"/> marks a ZipMap-style output (a sequence of class -> probability maps), whose
/// <see cref="Kind"/> is the kind of the map values.
/// </summary>
internal sealed record GraphValue(string Name, DataKind Kind, long[] Dims, bool IsMapSequence = false)
{
    /// <summary>Batch size the graph requires, when its first dimension is fixed (e.g. 1 in [1, 4]).</summary>
    public long? FixedBatch => !IsMapSequence && Dims.Length > 0 && Dims[0] > 0 ? Dims[0] : null;

    /// <summary>
    /// Per-row dimensions of a tensor of rank 2 or more whose non-batch dimensions are fixed (e.g. [1] for [-1, 1]):
    /// one array per graph value, handed to every output column of that shape instead of a copy per request.
    /// </summary>
    public long[]? RowDims { get; } = !IsMapSequence && Dims.Length >= 2 && Dims.Skip(1).All(d => d >= 0) ? Dims[1..] : null;

    /// <summary>One value per row: shape [-1] or [-1, 1].</summary>
    public bool IsScalarPerRow => !IsMapSequence && Dims is [-1] or [-1, 1];
}
