using System.Text;

namespace MlService.Trainer.Data;

/// <summary>
/// Reads RFC 4180 CSV with a header row: a UTF-8 BOM is skipped, LF and CRLF both end a row, fields may be
/// quoted (with "" for a quote and line breaks inside). Unquoted cells are trimmed. Empty cells and the usual
/// missing-value markers (<see cref="MissingMarkers"/>) become null. Blank lines are skipped.
/// </summary>
public static class CsvReader
{
    /// <summary>Cell texts read as missing (case-insensitive): what pandas and the UCI files use.</summary>
    public static readonly IReadOnlySet<string> MissingMarkers =
        new HashSet<string>(["", "?", "NA", "N/A", "NaN", "null"], StringComparer.OrdinalIgnoreCase);

    public static CsvTable ReadFile(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"data file '{path}' does not exist", path);
        using var reader = new StreamReader(path, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
        return Read(reader);
    }

    public static CsvTable Parse(string text) => Read(new StringReader(text.TrimStart('\uFEFF')));

    public static CsvTable Read(TextReader reader)
    {
        var records = ReadRecords(reader).GetEnumerator();
        if (!records.MoveNext()) throw new InvalidDataException("the CSV file is empty: a header row is required");
        var header = records.Current.Cells.Select(c => c.Text).ToArray();
        for (var i = 0; i < header.Length; i++)
        {
            if (header[i].Length == 0) throw new InvalidDataException($"header column {i + 1} has no name");
            if (Array.IndexOf(header, header[i]) != i) throw new InvalidDataException($"header names column '{header[i]}' twice");
        }
        var rows = new List<string?[]>();
        while (records.MoveNext())
        {
            var (line, cells) = records.Current;
            if (cells.Count != header.Length)
                throw new InvalidDataException($"line {line} has {cells.Count} fields, the header has {header.Length}");
            rows.Add(cells.Select(c => c.Text.Length == 0 || (!c.Quoted && MissingMarkers.Contains(c.Text)) ? null : c.Text).ToArray());
        }
        return new CsvTable(header, rows);
    }

    private readonly record struct Cell(string Text, bool Quoted);

    /// <summary>Yields (line number where the record starts, its cells); blank lines yield nothing.</summary>
    private static IEnumerable<(int Line, List<Cell> Cells)> ReadRecords(TextReader reader)
    {
        var cells = new List<Cell>();
        var field = new StringBuilder();
        var line = 1;
        var start = 1;
        var quoted = false;
        var inQuotes = false;
        var afterQuote = false;
        int c;
        while ((c = reader.Read()) >= 0)
        {
            var ch = (char)c;
            if (inQuotes)
            {
                if (ch == '"')
                {
                    if (reader.Peek() == '"') { reader.Read(); field.Append('"'); }
                    else { inQuotes = false; afterQuote = true; }
                }
                else
                {
                    if (ch == '\n') line++;
                    field.Append(ch);
                }
                continue;
            }
            switch (ch)
            {
                case '"' when field.ToString().Trim().Length == 0 && !afterQuote:
                    field.Clear();
                    inQuotes = quoted = true;
                    break;
                case ',':
                    cells.Add(Finish(field, quoted));
                    quoted = afterQuote = false;
                    break;
                case '\r':
                    break; // CRLF: the LF ends the record; a lone CR is dropped
                case '\n':
                    cells.Add(Finish(field, quoted));
                    if (!(cells.Count == 1 && !quoted && cells[0].Text.Length == 0)) yield return (start, cells);
                    cells = [];
                    quoted = afterQuote = false;
                    line++;
                    start = line;
                    break;
                default:
                    if (afterQuote && !char.IsWhiteSpace(ch))
                        throw new InvalidDataException($"line {line}: unexpected '{ch}' after a closing quote");
                    if (!afterQuote) field.Append(ch);
                    break;
            }
        }
        if (inQuotes) throw new InvalidDataException($"line {start}: a quoted field is not closed");
        if (field.Length > 0 || cells.Count > 0 || quoted)
        {
            cells.Add(Finish(field, quoted));
            yield return (start, cells);
        }
    }

    private static Cell Finish(StringBuilder field, bool quoted)
    {
        var text = quoted ? field.ToString() : field.ToString().Trim();
        field.Clear();
        return new Cell(text, quoted);
    }
}
