namespace MlService.Api.Codecs.V2;

/// <summary>
/// Reads the values of one V2 input tensor from its wire form (REST JSON data, gRPC typed or raw contents) for
/// <see cref="V2FrameDecoder"/>: flat, row-major, <paramref name="total"/> elements of <c>readAs</c>'s element type.
/// </summary>
public interface IV2TensorValues
{
    /// <returns>The values, or null after adding to <paramref name="errors"/> why they cannot be read.</returns>
    Array? Read(V2Input input, DataKind readAs, bool required, int total, ValidationOptions options, FieldErrorCollector errors);
}
