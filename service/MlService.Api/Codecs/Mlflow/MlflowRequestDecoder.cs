namespace MlService.Api.Codecs.Mlflow;

/// <summary>
/// Decodes an MLflow 2.x scoring body: a JSON object with exactly one of <c>dataframe_split</c>, <c>dataframe_records</c>,
/// <c>instances</c>, <c>inputs</c>, plus optional <c>params</c> — accepted and ignored, since no runtime here takes
/// inference parameters (MLflow ignores them with a warning for such models too). Anything else is MLflow's 400 with its
/// "protocol has changed in 2.0" notice. Rows reach the model through the same <see cref="FrameBuilder"/> as every protocol.
/// </summary>
public static class MlflowRequestDecoder
{
    public const string Params = "params";
    public static readonly string[] Formats = ["dataframe_split", "dataframe_records", "instances", "inputs"];

    public const string ProtocolChangeNotice =
        "IMPORTANT: The MLflow Model scoring protocol has changed in MLflow version 2.0. If you are seeing this error, you are "
        + "likely using an outdated scoring request format. Wrap the data in one of the keys dataframe_split, dataframe_records, "
        + "instances or inputs, e.g. {\"dataframe_split\": {\"columns\": [...], \"data\": [[...]]}}.";

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 64 };

    public static Frame Decode(ReadOnlySpan<byte> json, IReadOnlyList<FieldSpec> fields, ValidationOptions options, int maxRows)
    {
        if (json.StartsWith(Utf8Bom)) json = json[Utf8Bom.Length..];
        try
        {
            var reader = new Utf8JsonReader(json, ReaderOptions);
            if (!reader.Read()) throw new MalformedRequestException("the request body is empty");
            if (reader.TokenType == JsonTokenType.StartArray) throw ProtocolChanged("Received a JSON list.");
            if (reader.TokenType != JsonTokenType.StartObject) throw new MalformedRequestException("Ensure the input is a JSON dictionary.");
            var keys = new List<string>();
            string? format = null;
            var formats = 0;
            Range value = default;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString()!;
                keys.Add(name);
                reader.Read();
                var start = (int)reader.TokenStartIndex;
                var token = reader.TokenType;
                reader.Skip();
                if (name == Params)
                {
                    if (token is not (JsonTokenType.StartObject or JsonTokenType.Null))
                        throw new MalformedRequestException("'params' must be a JSON object of parameter names and values", Params);
                    continue;
                }
                if (!Formats.Contains(name)) continue;
                formats++;
                format ??= name;
                if (format == name) value = start..(int)reader.BytesConsumed;
            }
            if (reader.Read()) throw new MalformedRequestException("unexpected data after the JSON object");
            if (formats != 1)
                throw ProtocolChanged($"Received dictionary with input fields: [{string.Join(", ", keys.Take(10).Select(k => $"'{(k.Length > 40 ? k[..40] + "…" : k)}'"))}].");

            var inner = new Utf8JsonReader(json[value], ReaderOptions);
            inner.Read();
            return format switch
            {
                "dataframe_split" => DataframeSplitReader.Read(json[value], fields, options, maxRows),
                "dataframe_records" => inner.TokenType == JsonTokenType.StartArray
                    ? JsonRowsReader.ReadArray(ref inner, fields, options, maxRows, "", FrameBuilder.BatchPath, positionalKeys: true)
                    : throw new MalformedRequestException("'dataframe_records' must be a list of row objects", "dataframe_records"),
                "instances" => InstancesReader.Read(ref inner, fields, options, maxRows, "instances"),
                _ => inner.TokenType == JsonTokenType.StartObject
                    ? ColumnarInputsReader.Read(json[value], fields, options, maxRows)
                    : InstancesReader.Read(ref inner, fields, options, maxRows, "inputs"),
            };
        }
        catch (JsonException e)
        {
            throw new MalformedRequestException($"malformed JSON at line {e.LineNumber + 1}, byte {e.BytePositionInLine}", inner: e);
        }
    }

    private static MalformedRequestException ProtocolChanged(string received) => new(
        $"The input must be a JSON dictionary with exactly one of the input fields {{'dataframe_split', 'dataframe_records', 'instances', 'inputs'}}. {received} {ProtocolChangeNotice}");
}
