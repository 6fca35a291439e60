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

    /// <summary>One value per row: shape [-1] or [-1, 1].</summary>
    public bool IsScalarPerRow => !IsMapSequence && Dims is [-1] or [-1, 1];
}
