namespace MlService.Api.Codecs.Mlflow;

/// <summary>
/// Reads TF-Serving's columnar format, MLflow's <c>{"inputs": {"name": [v0, v1, ...], ...}}</c>: one array per input, its
/// elements the rows (a tensor input's elements are its rows, nested). Every array must have the same number of rows.
/// </summary>
public static class ColumnarInputsReader
{
    public static Frame Read(ReadOnlySpan<byte> json, IReadOnlyList<FieldSpec> fields, ValidationOptions options, int maxRows)
    {
        var columns = new List<(string Name, Range Value, int Rows)>();
        var reader = new Utf8JsonReader(json);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartArray)
                throw new MalformedRequestException($"'inputs.{name}' must be a list with one element per row", $"inputs.{name}");
            var start = (int)reader.TokenStartIndex;
            var rowCount = InstancesReader.CountElements(reader);
            reader.Skip();
            columns.Add((name, start..(int)reader.BytesConsumed, rowCount));
        }
        var rows = columns.Count == 0 ? 0 : columns[0].Rows;
        if (columns.FirstOrDefault(c => c.Rows != rows) is { Name: not null } uneven)
            throw new MalformedRequestException($"every input needs the same number of rows: '{columns[0].Name}' has {rows}, '{uneven.Name}' has {uneven.Rows}", $"inputs.{uneven.Name}");
        if (rows > maxRows) throw new PayloadTooLargeException($"the request has {rows} rows; at most {maxRows} are allowed per request");

        var builder = new FrameBuilder(fields, rows, options);
        var given = new bool[fields.Count];
        foreach (var (name, value, _) in columns)
        {
            var field = builder.FieldIndex(name);
            if (field < 0)
            {
                if (rows > 0) builder.UnknownField(0, name);
                continue;
            }
            given[field] = true;
            var column = new Utf8JsonReader(json[value]);
            column.Read();
            var row = 0;
            while (column.Read() && column.TokenType != JsonTokenType.EndArray) builder.Read(row++, field, ref column);
        }
        for (var f = 0; f < fields.Count; f++)
        {
            if (given[f] || !fields[f].Required) continue;
            builder.Errors.Add(fields[f].Name, "is a required input and is missing");
            for (var row = 0; row < rows; row++) builder.MarkPresent(row, f);
        }
        return builder.Build();
    }
}
