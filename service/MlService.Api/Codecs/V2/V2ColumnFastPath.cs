namespace MlService.Api.Codecs.V2;

/// <summary>
/// The fast path of <see cref="V2FrameDecoder"/>: the request most clients send, decoded in one pass with one
/// <see cref="FrameBuilder"/> for the whole frame (no builder, array and conversion per tensor). It gives the same frame
/// as the general path for every request it accepts (V2DecoderPathsTests checks this on a table of bodies).
/// </summary>
public static class V2ColumnFastPath
{
    /// <summary>
    /// The common request in one pass, without a builder per tensor: every model input sent exactly once as a column
    /// tensor ([N] or [N, 1]) of the input's own datatype, all with the same N, nothing else sent. Returns null for
    /// anything else (and for wrong value counts), which the general path then decodes and reports.
    /// </summary>
    public static Frame? TryDecode(ReadOnlySpan<byte> json, V2Request request, IReadOnlyList<FieldSpec> fields, ValidationOptions options, int maxRows)
    {
        var inputs = request.Inputs;
        if (inputs.Count != fields.Count) return null;
        var order = new int[fields.Count];
        var seen = new bool[fields.Count];
        var rows = inputs[0].Shape[0];
        for (var i = 0; i < inputs.Count; i++)
        {
            var input = inputs[i];
            var f = fields.Count > i && string.Equals(fields[i].Name, input.Name, StringComparison.Ordinal) ? i : V2FrameDecoder.IndexOf(fields, input.Name);
            if (f < 0 || fields[f].IsTensor || input.Shape[0] != rows || !(input.Shape.Length == 1 || (input.Shape.Length == 2 && input.Shape[1] == 1))
                || V2DatatypeNames.FromV2Datatype(input.Datatype) != fields[f].Kind || seen[f])
                return null;
            order[i] = f;
            seen[f] = true;
        }
        if (rows > maxRows) throw new PayloadTooLargeException($"the request has {rows} rows; at most {maxRows} are allowed per request");
        var builder = new FrameBuilder(fields, checked((int)rows), options, (_, name) => name);
        for (var i = 0; i < inputs.Count; i++)
        {
            var reader = new Utf8JsonReader(json[inputs[i].Data]);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray) return null;
            var row = 0;
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.StartArray or JsonTokenType.EndArray) continue; // [N, 1] data may be nested
                if (reader.TokenType == JsonTokenType.StartObject || row == rows) return null;
                builder.Read(row++, order[i], ref reader);
            }
            if (row != rows) return null;
        }
        return builder.Build();
    }
}
