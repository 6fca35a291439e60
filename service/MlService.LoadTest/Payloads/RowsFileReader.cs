using System.Text;
using MlService.Core.Models;
using MlService.Core.Signatures;

namespace MlService.LoadTest.Payloads;

/// <summary>
/// Reads rows from a file: JSON (an array of row objects, or MLflow's split orient) or CSV with a header
/// line. Columns follow the signature when known (its types convert the values), else the file's own order.
/// </summary>
public static class RowsFileReader
{
    public static RowSet Read(string path, IReadOnlyList<FieldSpec> signature)
    {
        var text = File.ReadAllText(path);
        return path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? ReadCsv(text, signature) : ReadJson(text, signature);
    }

    public static RowSet ReadJson(string json, IReadOnlyList<FieldSpec> signature)
    {
        var records = InputExample.Parse(json) ?? throw new FormatException("rows file must hold a JSON array of row objects");
        var names = signature.Count > 0
            ? signature.Select(f => f.Name).ToList()
            : records.OfType<System.Text.Json.Nodes.JsonObject>().SelectMany(r => r.Select(p => p.Key)).Distinct().ToList();
        var rows = records.OfType<System.Text.Json.Nodes.JsonObject>()
            .Select(record => names.Select(n => CellConversion.FromJson(record[n], KindOf(signature, n))).ToArray())
            .ToList();
        return Finish(names, rows, signature);
    }

    public static RowSet ReadCsv(string csv, IReadOnlyList<FieldSpec> signature)
    {
        var lines = csv.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToList();
        if (lines.Count == 0) throw new FormatException("rows file is empty");
        var header = SplitCsvLine(lines[0]);
        var rows = lines.Skip(1).Select(line =>
        {
            var cells = SplitCsvLine(line);
            return header.Select((name, i) => CellConversion.FromText(i < cells.Count ? cells[i] : "", KindOf(signature, name))).ToArray();
        }).ToList();
        return Finish(header, rows, signature);
    }

    private static RowSet Finish(IReadOnlyList<string> names, List<object?[]> rows, IReadOnlyList<FieldSpec> signature)
    {
        if (rows.Count == 0) throw new FormatException("rows file holds no rows");
        var columns = names.Select((name, i) =>
            signature.FirstOrDefault(f => f.Name == name)
            ?? new FieldSpec(name, CellConversion.Infer(rows.Select(r => r[i]).FirstOrDefault(v => v is not null)))).ToList();
        return new RowSet(columns, rows);
    }

    private static DataKind? KindOf(IReadOnlyList<FieldSpec> signature, string name) =>
        signature.FirstOrDefault(f => f.Name == name)?.Kind;

    /// <summary>One CSV line; double quotes enclose fields with commas, "" is a quote.</summary>
    private static List<string> SplitCsvLine(string line)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var ch = line[i];
            if (quoted && ch == '"' && i + 1 < line.Length && line[i + 1] == '"') { cell.Append('"'); i++; }
            else if (ch == '"') quoted = !quoted;
            else if (ch == ',' && !quoted) { cells.Add(cell.ToString()); cell.Clear(); }
            else cell.Append(ch);
        }
        cells.Add(cell.ToString());
        return cells;
    }
}
