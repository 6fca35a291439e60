namespace MlService.Core.Frames;

/// <summary>
/// A batch of rows as named, typed columns: what every protocol codec decodes into and what every runtime
/// predicts on. Runtimes never see JSON; endpoints never see runtime types.
/// </summary>
public sealed class Frame
{
    /// <summary>Up to this many columns a name lookup scans (cheaper than hashing for the usual few columns).</summary>
    private const int ScanLimit = 16;

    private readonly FrameColumn[] _columns;
    private readonly Dictionary<string, FrameColumn>? _byName;

    public Frame(int rowCount, IReadOnlyList<FrameColumn> columns)
    {
        RowCount = rowCount;
        _columns = columns as FrameColumn[] ?? columns.ToArray();
        Columns = _columns;
        for (var i = 0; i < _columns.Length; i++)
        {
            var column = _columns[i];
            if (column.RowCount != rowCount)
                throw new ArgumentException($"column '{column.Name}' has {column.RowCount} rows, frame has {rowCount}");
        }
        if (_columns.Length > ScanLimit) _byName = ByName(_columns);
        else
        {
            for (var i = 1; i < _columns.Length; i++)
                for (var j = 0; j < i; j++)
                    if (string.Equals(_columns[i].Name, _columns[j].Name, StringComparison.Ordinal))
                        throw new ArgumentException($"column '{_columns[i].Name}' appears twice");
        }
    }

    public int RowCount { get; }
    public IReadOnlyList<FrameColumn> Columns { get; }

    public FrameColumn? Find(string name)
    {
        if (_byName is not null) return _byName.GetValueOrDefault(name);
        foreach (var column in _columns)
            if (string.Equals(column.Name, name, StringComparison.Ordinal)) return column;
        return null;
    }

    public FrameColumn this[string name] => Find(name) ?? throw new KeyNotFoundException($"frame has no column '{name}'");

    private static Dictionary<string, FrameColumn> ByName(FrameColumn[] columns)
    {
        var byName = new Dictionary<string, FrameColumn>(columns.Length, StringComparer.Ordinal);
        foreach (var column in columns)
            if (!byName.TryAdd(column.Name, column))
                throw new ArgumentException($"column '{column.Name}' appears twice");
        return byName;
    }
}
