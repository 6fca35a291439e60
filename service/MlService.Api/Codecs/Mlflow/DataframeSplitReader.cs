namespace MlService.Api.Codecs.Mlflow;

/// <summary>
/// Reads pandas' "split" orient, <c>{"columns": [...], "data": [[...], ...], "index": [...]}</c>: values are matched to
/// inputs by column name (without <c>columns</c>, by signature order); integer column labels (pandas' names for a frame
/// without column names, <c>"columns": [0, 1]</c>) match inputs named "0", "1", else the inputs at those positions, as MLflow
/// matches unnamed columns; <c>index</c> is accepted and not used. For a model
/// with one tensor input whose name is not a column, each data row is that tensor's row (MLflow feeds <c>df.values</c>).
/// </summary>
public static class DataframeSplitReader
{
    public static Frame Read(ReadOnlySpan<byte> json, IReadOnlyList<FieldSpec> fields, ValidationOptions options, int maxRows)
    {
        var reader = new Utf8JsonReader(json);
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
            throw new MalformedRequestException("'dataframe_split' must be an object with 'columns' and 'data'", "dataframe_split");
        List<string>? columns = null;
        var positional = false;
        Range? data = null;
        FrameBuilder? builder = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.GetString();
            reader.Read();
            var start = (int)reader.TokenStartIndex;
            if (key == "columns") columns = ReadNames(ref reader, out positional);
            else if (key == "data" && reader.TokenType == JsonTokenType.StartArray && columns is not null && builder is null)
                builder = ReadData(ref reader, fields, options, maxRows, columns, positional, json.Length); // pandas writes columns first: one pass
            else
            {
                var token = reader.TokenType;
                reader.Skip();
                if (key == "data") data = token == JsonTokenType.StartArray ? start..(int)reader.BytesConsumed
                    : throw new MalformedRequestException("'dataframe_split.data' must be a list of rows", "dataframe_split.data");
                else if (key == "index" && token != JsonTokenType.StartArray)
                    throw new MalformedRequestException("'dataframe_split.index' must be a list", "dataframe_split.index");
            }
        }
        if (builder is null)
        {
            if (data is null) throw new MalformedRequestException("'dataframe_split' needs 'data': a list of rows", "dataframe_split.data");
            // 'data' before 'columns', or no 'columns' at all: read the rows once the names are known.
            var rowsReader = new Utf8JsonReader(json[data.Value]);
            rowsReader.Read();
            builder = ReadData(ref rowsReader, fields, options, maxRows, columns, positional, data.Value.GetOffsetAndLength(json.Length).Length);
        }
        return builder.Build();
    }

    /// <summary>Reads the rows of the <c>data</c> array at the reader, growing the frame as they arrive (sized from the first row).</summary>
    private static FrameBuilder ReadData(ref Utf8JsonReader reader, IReadOnlyList<FieldSpec> fields, ValidationOptions options, int maxRows,
        List<string>? columns, bool positional, long totalBytes)
    {
        var builder = new FrameBuilder(fields, 0, options);
        var tensorRows = fields is [{ IsTensor: true } tensor] && (columns is null || !columns.Contains(tensor.Name));
        var map = columns is null ? null : MapColumns(columns, positional, builder);
        var rowStart = reader.BytesConsumed;
        var row = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (row == maxRows) throw new PayloadTooLargeException($"the request has more than {maxRows} rows; at most {maxRows} are allowed per request");
            var hint = row == 1 ? (int)Math.Min(maxRows, (totalBytes - rowStart) / Math.Max(1, reader.TokenStartIndex - rowStart) + 1) : 0;
            builder.Grow(row + 1, hint);
            if (reader.TokenType != JsonTokenType.StartArray) InstancesReader.Reject(ref reader, builder, row, "must be a list of values, one per column");
            else if (tensorRows) builder.Read(row, 0, ref reader);
            else if (map is null) InstancesReader.ReadPositional(ref reader, builder, row);
            else ReadRow(ref reader, builder, row, map);
            row++;
        }
        if (map is not null && row > 0)
            for (var i = 0; i < map.Length; i++)
                if (map[i] < 0) builder.UnknownField(0, columns![i]);
        return builder;
    }

    private static void ReadRow(ref Utf8JsonReader reader, FrameBuilder builder, int row, int[] map)
    {
        var count = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (count < map.Length && map[count] >= 0) builder.Read(row, map[count], ref reader);
            else reader.Skip();
            count++;
        }
        if (count != map.Length) builder.Errors.Add($"[{row}]", $"has {count} values; 'columns' names {map.Length}");
    }

    private static int[] MapColumns(List<string> columns, bool positional, FrameBuilder builder)
    {
        if (columns.Distinct(StringComparer.Ordinal).Count() != columns.Count)
            throw new MalformedRequestException("'dataframe_split.columns' names a column twice", "dataframe_split.columns");
        var map = new int[columns.Count];
        for (var i = 0; i < columns.Count; i++) map[i] = positional ? builder.PositionalFieldIndex(columns[i]) : builder.FieldIndex(columns[i]);
        if (positional && map.Where(f => f >= 0).Distinct().Count() != map.Count(f => f >= 0))
            throw new MalformedRequestException("'dataframe_split.columns' names one input twice (by name and by position)", "dataframe_split.columns");
        return map;
    }

    /// <summary>Column labels: strings, or integers as pandas writes a frame without names (then <paramref name="positional"/>).</summary>
    private static List<string> ReadNames(ref Utf8JsonReader reader, out bool positional)
    {
        positional = false;
        if (reader.TokenType != JsonTokenType.StartArray)
            throw new MalformedRequestException("'dataframe_split.columns' must be a list of column names", "dataframe_split.columns");
        var names = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var index) && index >= 0)
            {
                positional = true;
                names.Add(index.ToString(System.Globalization.CultureInfo.InvariantCulture));
                continue;
            }
            if (reader.TokenType != JsonTokenType.String)
                throw new MalformedRequestException("'dataframe_split.columns' must hold column names (strings, or integers for unnamed pandas columns)", "dataframe_split.columns");
            names.Add(reader.GetString()!);
        }
        return names;
    }
}
