namespace MlService.Api.Codecs.V2;

/// <summary>
/// Reads the envelope of <c>$inference_request</c>: <c>id</c>, <c>parameters</c> (accepted, not used), <c>inputs</c>
/// (<c>name</c>, <c>shape</c>, <c>datatype</c>, <c>parameters</c>, <c>data</c> flat or nested) and <c>outputs</c>.
/// Binary tensor data and Triton's classification extension are 501: this server speaks the JSON protocol only.
/// </summary>
public static class V2RequestReader
{
    /// <param name="json">The request body.</param>
    /// <param name="inputs">The model's inputs: a tensor named like one of them takes the field's own name string
    /// (no string per tensor per request); other names are read as they are.</param>
    public static V2Request Read(ReadOnlySpan<byte> json, IReadOnlyList<FieldSpec> inputs)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                throw new MalformedRequestException("the request body must be a JSON object ($inference_request)");
            string? id = null;
            List<V2Input>? tensors = null;
            var names = new KnownNames(inputs);
            List<V2RequestedOutput>? outputs = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var key = reader.GetString();
                reader.Read();
                switch (key)
                {
                    case "id":
                        id = reader.TokenType == JsonTokenType.String ? reader.GetString() : throw new MalformedRequestException("'id' must be a string", "id");
                        break;
                    case "parameters":
                        ReadParameters(ref reader, "parameters");
                        break;
                    case "inputs":
                        tensors = ReadArray(ref reader, "inputs", names, static (ref Utf8JsonReader r, int i, KnownNames known) => ReadInput(ref r, i, known));
                        break;
                    case "outputs":
                        outputs = ReadArray(ref reader, "outputs", 0, static (ref Utf8JsonReader r, int i, int _) => ReadOutput(ref r, i));
                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }
            if (reader.Read()) throw new MalformedRequestException("unexpected data after the JSON object");
            if (tensors is null || tensors.Count == 0) throw new MalformedRequestException("'inputs' is required: a list of input tensors", "inputs");
            return new V2Request(id, tensors, outputs);
        }
        catch (JsonException e)
        {
            throw new MalformedRequestException($"malformed JSON at line {e.LineNumber + 1}, byte {e.BytePositionInLine}", inner: e);
        }
    }

    /// <summary>Reads one element; <paramref name="state"/> is passed in so the reader can be a static lambda (no closure per request).</summary>
    private delegate T ElementReader<out T, in TState>(ref Utf8JsonReader reader, int index, TState state);

    private static List<T> ReadArray<T, TState>(ref Utf8JsonReader reader, string what, TState state, ElementReader<T, TState> read)
    {
        if (reader.TokenType != JsonTokenType.StartArray) throw new MalformedRequestException($"'{what}' must be a list of objects", what);
        var items = new List<T>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject) throw new MalformedRequestException($"'{what}[{items.Count}]' must be an object", $"{what}[{items.Count}]");
            items.Add(read(ref reader, items.Count, state));
        }
        return items;
    }

    private static V2Input ReadInput(ref Utf8JsonReader reader, int index, KnownNames names)
    {
        // Error paths ("inputs[3].shape") are only formatted when there is an error: this runs once per tensor per request.
        string? name = null, datatype = null;
        long[]? shape = null;
        Range? data = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = Key(ref reader);
            reader.Read();
            switch (key)
            {
                case InputKey.Name: name = reader.TokenType == JsonTokenType.String && names.Find(ref reader, index) is { } known ? known : String(ref reader, index, "name"); break;
                case InputKey.Datatype: datatype = reader.TokenType == JsonTokenType.String && KnownDatatype(ref reader) is { } usual ? usual : String(ref reader, index, "datatype"); break;
                case InputKey.Shape: shape = ReadShape(ref reader, index); break;
                case InputKey.Parameters: ReadParameters(ref reader, $"inputs[{index}].parameters"); break;
                case InputKey.Data:
                    var start = (int)reader.TokenStartIndex;
                    reader.Skip();
                    data = start..(int)reader.BytesConsumed;
                    break;
                default: reader.Skip(); break;
            }
        }
        return new V2Input(index,
            name ?? throw Required(index, "name", ""),
            shape ?? throw Required(index, "shape", ""),
            datatype ?? throw Required(index, "datatype", ""),
            data ?? throw Required(index, "data", " (binary tensor data is not supported)"));
    }

    private enum InputKey { Other, Name, Datatype, Shape, Parameters, Data }

    /// <summary>The model's input names in UTF-8; the tensor at position i is usually input i.</summary>
    private readonly struct KnownNames(IReadOnlyList<FieldSpec> fields)
    {
        private readonly byte[][] _utf8 = Utf8FieldNames.Of(fields);

        public string? Find(ref Utf8JsonReader reader, int index) =>
            Utf8FieldNames.IndexOf(_utf8, ref reader, index) is var f and >= 0 ? fields[f].Name : null;
    }

    /// <summary>The usual datatypes as constant strings (no string per tensor per request); null for any other.</summary>
    private static string? KnownDatatype(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("FP32"u8) ? "FP32"
        : reader.ValueTextEquals("FP64"u8) ? "FP64"
        : reader.ValueTextEquals("INT64"u8) ? "INT64"
        : reader.ValueTextEquals("INT32"u8) ? "INT32"
        : reader.ValueTextEquals("BYTES"u8) ? "BYTES"
        : reader.ValueTextEquals("BOOL"u8) ? "BOOL"
        : null;

    private static InputKey Key(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("name"u8) ? InputKey.Name
        : reader.ValueTextEquals("datatype"u8) ? InputKey.Datatype
        : reader.ValueTextEquals("shape"u8) ? InputKey.Shape
        : reader.ValueTextEquals("data"u8) ? InputKey.Data
        : reader.ValueTextEquals("parameters"u8) ? InputKey.Parameters
        : InputKey.Other;

    private static MalformedRequestException Required(int index, string field, string note) =>
        new($"'inputs[{index}].{field}' is required{note}", $"inputs[{index}].{field}");

    private static V2RequestedOutput ReadOutput(ref Utf8JsonReader reader, int index)
    {
        var path = $"outputs[{index}]";
        string? name = null;
        var classification = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.GetString();
            reader.Read();
            if (key == "name") name = String(ref reader, $"{path}.name");
            else if (key == "parameters") classification = ReadParameters(ref reader, $"{path}.parameters", outputParameters: true);
            else reader.Skip();
        }
        return new V2RequestedOutput(name ?? throw new MalformedRequestException($"'{path}.name' is required", $"{path}.name"), classification);
    }

    /// <summary>
    /// Checks <c>$parameters</c> is an object and refuses the extensions this server does not implement. Returns the
    /// <c>classification</c> count of an output's parameters (Triton's classification extension), 0 when not asked.
    /// </summary>
    private static int ReadParameters(ref Utf8JsonReader reader, string path, bool outputParameters = false)
    {
        if (reader.TokenType != JsonTokenType.StartObject) throw new MalformedRequestException($"'{path}' must be an object", path);
        var classification = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.GetString();
            reader.Read();
            if (outputParameters && key == "classification")
            {
                if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out classification) || classification < 0)
                    throw new MalformedRequestException($"'{path}.classification' must be a non-negative integer (the number of top classes)", $"{path}.classification");
                continue;
            }
            var requested = reader.TokenType is not (JsonTokenType.False or JsonTokenType.Null);
            reader.Skip();
            if (requested && key is "binary_data" or "binary_data_size" or "binary_data_output" or "classification")
                throw new UnsupportedFeatureException(key == "classification"
                    ? $"'{path}.classification': classification is asked per output (outputs[i].parameters.classification)"
                    : $"'{path}.{key}': the binary tensor data extension is not supported; send and receive JSON tensor data");
        }
        return classification;
    }

    private static long[] ReadShape(ref Utf8JsonReader reader, int index)
    {
        if (reader.TokenType != JsonTokenType.StartArray) throw ShapeError(index, "must be a list of dimensions");
        Span<long> first = stackalloc long[4];
        List<long>? more = null;
        var count = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out var d) || d < 0)
                throw ShapeError(index, "must hold non-negative integers");
            if (count < first.Length) first[count] = d;
            else (more ??= []).Add(d);
            count++;
        }
        if (count == 0) throw ShapeError(index, "needs at least the batch dimension");
        var dims = new long[count];
        first[..Math.Min(count, first.Length)].CopyTo(dims);
        more?.CopyTo(dims, first.Length);
        return dims;
    }

    private static MalformedRequestException ShapeError(int index, string problem) =>
        new($"'inputs[{index}].shape' {problem}", $"inputs[{index}].shape");

    private static string String(ref Utf8JsonReader reader, string path) =>
        reader.TokenType == JsonTokenType.String ? reader.GetString()! : throw new MalformedRequestException($"'{path}' must be a string", path);

    private static string String(ref Utf8JsonReader reader, int index, string field) =>
        reader.TokenType == JsonTokenType.String ? reader.GetString()! : throw new MalformedRequestException($"'inputs[{index}].{field}' must be a string", $"inputs[{index}].{field}");
}
