using MlService.Core.Csv;

namespace MlService.Trainer.Data;

/// <summary>
/// Reads a training CSV file with a header row through the shared <see cref="CsvRecords"/> (the rules of the server's
/// <c>text/csv</c> bodies). Missing cells become null: empty ones, and the markers of public datasets
/// (<see cref="DatasetMissingMarkers"/>, e.g. the UCI files' <c>?</c>).
/// </summary>
public static class CsvReader
{
    /// <summary>
    /// Cell texts a training file uses for a missing value besides an empty cell (case-insensitive): the UCI files'
    /// "?" and pandas' usual spellings. A training-data convention, not CSV syntax, so it applies here only.
    /// </summary>
    public static readonly IReadOnlySet<string> DatasetMissingMarkers =
        new HashSet<string>(["?", "NA", "N/A", "NaN", "null"], StringComparer.OrdinalIgnoreCase);

    public static CsvTable ReadFile(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"data file '{path}' does not exist", path);
        return Parse(File.ReadAllText(path));
    }

    public static CsvTable Parse(string text)
    {
        List<CsvRecord> records;
        try
        {
            records = CsvRecords.Parse(text);
        }
        catch (FormatException e)
        {
            throw new InvalidDataException(e.Message, e);
        }
        if (records.Count == 0) throw new InvalidDataException("the CSV file is empty: a header row is required");
        var header = records[0].Cells;
        for (var i = 0; i < header.Length; i++)
        {
            if (header[i].Length == 0) throw new InvalidDataException($"header column {i + 1} has no name");
            if (Array.IndexOf(header, header[i]) != i) throw new InvalidDataException($"header names column '{header[i]}' twice");
        }
        var rows = new List<string?[]>(records.Count - 1);
        foreach (var (line, cells) in records.Skip(1))
        {
            if (cells.Length != header.Length)
                throw new InvalidDataException($"line {line} has {cells.Length} fields, the header has {header.Length}");
            rows.Add(Array.ConvertAll(cells, c => CsvRecords.IsMissing(c) || DatasetMissingMarkers.Contains(c) ? null : c));
        }
        return new CsvTable(header, rows);
    }
}
