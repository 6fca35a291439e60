using System.Text;
using MlService.Core.Errors;

namespace MlService.Api.Codecs.Mlflow;

/// <summary>Splits CSV text into records of fields (RFC 4180 quoting; blank lines skipped).</summary>
public static class CsvRecords
{
    public static List<string[]> Parse(string text)
    {
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var fieldStarted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
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
                case '\n': EndRecord(records, fields, field, ref fieldStarted); break;
                default: field.Append(c); fieldStarted = true; break;
            }
        }
        if (quoted) throw new MalformedRequestException("the CSV body ends inside a quoted field");
        EndRecord(records, fields, field, ref fieldStarted);
        return records;
    }

    private static void EndRecord(List<string[]> records, List<string> fields, StringBuilder field, ref bool fieldStarted)
    {
        if (fieldStarted || fields.Count > 0)
        {
            fields.Add(field.ToString());
            records.Add([.. fields]);
        }
        fields.Clear();
        field.Clear();
        fieldStarted = false;
    }
}
