using MlService.Core.Csv;
using MlService.Core.Models;

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

    /// <summary>A header line, then one record per row, read by <see cref="CsvRecords"/> (the server's text/csv rules).</summary>
    public static RowSet ReadCsv(string csv, IReadOnlyList<FieldSpec> signature)
    {
        var records = CsvRecords.Parse(csv);
        if (records.Count == 0) throw new FormatException("rows file is empty");
        var header = records[0].Cells;
        var rows = records.Skip(1).Select(record =>
        {
            if (record.Cells.Length != header.Length)
                throw new FormatException($"rows file line {record.Line} has {record.Cells.Length} cells; the header has {header.Length}");
            return header.Select((name, i) => CellConversion.FromText(record.Cells[i], KindOf(signature, name))).ToArray();
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
}
