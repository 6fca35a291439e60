namespace MlService.Api.Codecs.V2;

/// <summary>
/// Which V2 datatypes an input takes. The data is read as the datatype the client declared (so UINT8 300 is an error) and
/// then widened to the input's kind: integers fit any integer or float input (range-checked), floats fit float inputs,
/// BYTES fits string, binary (base64) and datetime (ISO-8601) inputs; BOOL and FP16 only themselves. Anything else is
/// the wrong datatype (400).
/// </summary>
public static class V2Datatypes
{
    /// <summary>Metadata shape of an input or output: the signature's tensor shape, or [-1] for a column.</summary>
    public static long[] Shape(FieldSpec field) => field.Shape is { } shape ? [.. shape] : [-1];

    /// <summary>The kind to read the wire data as, or null when <paramref name="sent"/> does not fit <paramref name="target"/>.</summary>
    public static DataKind? ReadAs(DataKind sent, DataKind target)
    {
        if (sent == target) return target;
        if (sent == DataKind.String && target is DataKind.Binary or DataKind.DateTime) return target;
        if (target is DataKind.Boolean or DataKind.Float16 or DataKind.String or DataKind.Binary or DataKind.DateTime) return null;
        if (IsInteger(sent)) return sent;
        if (DataKinds.IsFloatingPoint(sent) && DataKinds.IsFloatingPoint(target)) return sent;
        return null;
    }

    private static bool IsInteger(DataKind kind) => DataKinds.IsNumeric(kind) && !DataKinds.IsFloatingPoint(kind);
}
