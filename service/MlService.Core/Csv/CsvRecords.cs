using System.Text;

namespace MlService.Core.Csv;

/// <summary>
/// The one CSV reader of the server's <c>text/csv</c> bodies, the trainer's data files and the load tool's rows files,
/// with MLflow's rules (pandas' <c>read_csv</c> defaults): fields separated by commas, records by LF or CRLF (a lone
/// CR is dropped), the final line break optional, blank lines skipped, a leading UTF-8 BOM skipped. A field that
/// starts with a quote is quoted (RFC 4180): commas and line breaks inside it are text, <c>""</c> is one quote.
/// Cells are not trimmed. An empty cell, quoted or not, is a missing value (<see cref="IsMissing"/>).
/// </summary>
public static class CsvRecords
{
    /// <summary>The missing-value rule every CSV reader applies: the cell is empty.</summary>
    public static bool IsMissing([System.Diagnostics.CodeAnalysis.NotNullWhen(false)] string? cell) => string.IsNullOrEmpty(cell);

    /// <exception cref="FormatException">A quoted field is not closed; the message names the line it starts on.</exception>
    public static List<CsvRecord> Parse(string text)
    {
        var records = new List<CsvRecord>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var fieldStarted = false;
        var line = 1;
        var start = 1;
        for (var i = text.StartsWith('\uFEFF') ? 1 : 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '\n') line++;
                if (c != '"') field.Append(c);
                else if (i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else quoted = false;
                continue;
            }
            switch (c)
            {
                case '"' when field.Length == 0: quoted = true; fieldStarted = true; break;
                case ',': fields.Add(field.ToString()); field.Clear(); fieldStarted = true; break;
                case '\r': break;
                case '\n':
                    EndRecord(records, fields, field, ref fieldStarted, start);
                    start = ++line;
                    break;
                default: field.Append(c); fieldStarted = true; break;
            }
        }
        if (quoted) throw new FormatException($"line {start}: a quoted field is not closed");
        EndRecord(records, fields, field, ref fieldStarted, start);
        return records;
    }

    private static void EndRecord(List<CsvRecord> records, List<string> fields, StringBuilder field, ref bool fieldStarted, int line)
    {
        // A line with no character at all is blank and skipped; "" alone is a record of one empty cell.
        if (fieldStarted || fields.Count > 0)
        {
            fields.Add(field.ToString());
            records.Add(new CsvRecord(line, [.. fields]));
        }
        fields.Clear();
        field.Clear();
        fieldStarted = false;
    }
}
