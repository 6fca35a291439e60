namespace MlService.Api.Codecs;

/// <summary>
/// Reads TF-Serving's row format — a JSON array with one element per row — into a frame: an element may be an object
/// keyed by input name, an array of values in signature order, or (for a one-input model) the value itself; a model with
/// a single tensor input takes each element as that tensor's row. Used by MLflow <c>instances</c> and array <c>inputs</c>,
/// and KServe V1 <c>instances</c>. Every value goes through <see cref="FrameBuilder"/>, so coercion and errors are the native ones.
/// </summary>
public static class InstancesReader
{
    public static Frame Read(ref Utf8JsonReader reader, IReadOnlyList<FieldSpec> fields, ValidationOptions options, int maxRows, string what)
    {
        if (reader.TokenType != JsonTokenType.StartArray) throw new MalformedRequestException($"'{what}' must be a JSON array with one element per row", what);
        var rows = CountElements(reader);
        if (rows > maxRows) throw new PayloadTooLargeException($"the request has {rows} rows; at most {maxRows} are allowed per request");
        var builder = new FrameBuilder(fields, rows, options);
        var tensorRows = fields is [{ IsTensor: true }];
        var names = Utf8FieldNames.Of(fields);
        var row = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType == JsonTokenType.StartObject) JsonRowsReader.ReadObject(ref reader, builder, row, names);
            else if (reader.TokenType == JsonTokenType.StartArray && !tensorRows) ReadPositional(ref reader, builder, row);
            else if (fields.Count == 1) builder.Read(row, 0, ref reader);
            else Reject(ref reader, builder, row, $"must be an object of input values or an array of {fields.Count} values in signature order");
            row++;
        }
        return builder.Build();
    }

    /// <summary>Reads one row given as an array of values in signature order (the reader is at its StartArray).</summary>
    public static void ReadPositional(ref Utf8JsonReader reader, FrameBuilder builder, int row)
    {
        var fields = builder.Fields;
        var count = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (count < fields.Count) builder.Read(row, count, ref reader);
            else reader.Skip();
            count++;
        }
        if (count == fields.Count) return;
        builder.Errors.Add($"[{row}]", $"has {count} values; the model takes {fields.Count} in this order: {string.Join(", ", fields.Select(f => f.Name))}");
        for (var f = 0; f < fields.Count; f++) builder.MarkPresent(row, f); // one error for the row, not one per missing field
    }

    /// <summary>Records a row-level error and skips the value.</summary>
    public static void Reject(ref Utf8JsonReader reader, FrameBuilder builder, int row, string message)
    {
        builder.Errors.Add($"[{row}]", message);
        reader.Skip();
        for (var f = 0; f < builder.Fields.Count; f++) builder.MarkPresent(row, f);
    }

    /// <summary>Counts the elements of the array at a copy of the reader (the reader itself does not move).</summary>
    public static int CountElements(Utf8JsonReader reader)
    {
        var count = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            reader.Skip();
            count++;
        }
        return count;
    }
}
