namespace MlService.Api.Codecs.V1;

/// <summary>Reads <c>{"instances": [...]}</c> (or <c>{"inputs": [...]}</c>) of a KServe V1 predict request into a frame.</summary>
public static class V1RequestDecoder
{
    public static Frame Decode(ReadOnlySpan<byte> json, IReadOnlyList<FieldSpec> fields, ValidationOptions options, int maxRows)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                throw new MalformedRequestException("the request body must be a JSON object: {\"instances\": [...]}");
            Range? rows = null;
            string? key = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString();
                reader.Read();
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                if (name is not ("instances" or "inputs")) continue;
                if (key is not null) throw new MalformedRequestException("send either 'instances' or 'inputs', not both");
                key = name;
                rows = start..(int)reader.BytesConsumed;
            }
            if (rows is null) throw new MalformedRequestException("the request needs 'instances': a list with one element per row", "instances");
            var instances = new Utf8JsonReader(json[rows.Value]);
            instances.Read();
            return InstancesReader.Read(ref instances, fields, options, maxRows, key!);
        }
        catch (JsonException e)
        {
            throw new MalformedRequestException($"malformed JSON at line {e.LineNumber + 1}, byte {e.BytePositionInLine}", inner: e);
        }
    }
}
