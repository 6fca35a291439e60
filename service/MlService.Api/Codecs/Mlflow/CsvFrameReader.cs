using System.Text;
using MlService.Core.Csv;

namespace MlService.Api.Codecs.Mlflow;

/// <summary>
/// Reads a CSV body (a header row naming the columns, then one record per row; syntax and missing values as
/// <see cref="CsvRecords"/> reads them for every CSV reader) into a frame.
/// Cells are coerced by <see cref="FrameBuilder.ReadText"/>, the same rules as JSON strings, so a column the signature
/// calls int32 works over CSV as over JSON (the MLflow bug #5525 this avoids). An empty cell is a missing value.
/// </summary>
public static class CsvFrameReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static Frame Read(ReadOnlySpan<byte> utf8, IReadOnlyList<FieldSpec> fields, ValidationOptions options, int maxRows)
    {
        string text;
        try
        {
            text = StrictUtf8.GetString(utf8.StartsWith("\uFEFF"u8) ? utf8[3..] : utf8);
        }
        catch (DecoderFallbackException e)
        {
            throw new MalformedRequestException("the CSV body is not valid UTF-8", inner: e);
        }
        List<CsvRecord> records;
        try
        {
            records = CsvRecords.Parse(text);
        }
        catch (FormatException e)
        {
            throw new MalformedRequestException($"the CSV body is malformed: {e.Message}", inner: e);
        }
        if (records.Count == 0) throw new MalformedRequestException("the CSV body is empty: send a header row naming the columns, then one line per row");
        var header = records[0].Cells;
        if (header.Distinct(StringComparer.Ordinal).Count() != header.Length) throw new MalformedRequestException("the CSV header names a column twice");
        var rows = records.Count - 1;
        if (rows > maxRows) throw new PayloadTooLargeException($"the request has {rows} rows; at most {maxRows} are allowed per request");

        var builder = new FrameBuilder(fields, rows, options);
        var tensor = fields is [{ IsTensor: true } only] && !header.Contains(only.Name);
        var map = header.Select(builder.FieldIndex).ToArray();
        if (!tensor && rows > 0)
            for (var j = 0; j < header.Length; j++) if (map[j] < 0) builder.UnknownField(0, header[j]);
        for (var row = 0; row < rows; row++)
        {
            var cells = records[row + 1].Cells;
            if (cells.Length != header.Length)
            {
                builder.Errors.Add($"[{row}]", $"has {cells.Length} cells; the header has {header.Length}");
                for (var f = 0; f < fields.Count; f++) builder.MarkPresent(row, f);
                continue;
            }
            if (tensor) ReadTensorRow(builder, row, cells);
            else for (var j = 0; j < cells.Length; j++) if (map[j] >= 0) builder.ReadText(row, map[j], cells[j]);
        }
        return builder.Build();
    }

    /// <summary>A model with one tensor input: the row's cells are the tensor's values (MLflow feeds <c>df.values</c>).</summary>
    private static void ReadTensorRow(FrameBuilder builder, int row, string[] cells)
    {
        var spec = builder.Fields[0];
        builder.MarkPresent(row, 0);
        if (cells.Length != spec.RowWidth)
        {
            builder.Error(row, 0, $"has {cells.Length} values; the tensor needs {spec.RowWidth} per row");
            return;
        }
        var values = builder.RawValues(0);
        for (var j = 0; j < cells.Length; j++)
            if (ColumnCoercion.ParseText(cells[j], spec, values, row * spec.RowWidth + j, builder.Options) is { } error) builder.Error(row, 0, error);
    }
}
