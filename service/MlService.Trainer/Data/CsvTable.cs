namespace MlService.Trainer.Data;

/// <summary>A CSV file read into memory: header names and rows of raw cells (null = missing).</summary>
public sealed class CsvTable
{
    public CsvTable(IReadOnlyList<string> header, IReadOnlyList<string?[]> rows)
    {
        Header = header;
        Rows = rows;
    }

    public IReadOnlyList<string> Header { get; }
    public IReadOnlyList<string?[]> Rows { get; }

    /// <summary>Index of a column by exact name, or -1.</summary>
    public int IndexOf(string name)
    {
        for (var i = 0; i < Header.Count; i++)
            if (string.Equals(Header[i], name, StringComparison.Ordinal)) return i;
        return -1;
    }

    /// <summary>Every cell of column <paramref name="index"/>, top to bottom.</summary>
    public IEnumerable<string?> Column(int index) => Rows.Select(r => r[index]);
}
