namespace MlService.Core.Frames;

/// <summary>
/// A batch of rows as named, typed columns: what every protocol codec decodes into and what every runtime
/// predicts on. Runtimes never see JSON; endpoints never see runtime types.
/// </summary>
public sealed class Frame
{
    private readonly Dictionary<string, FrameColumn> _byName;

    public Frame(int rowCount, IReadOnlyList<FrameColumn> columns)
    {
        RowCount = rowCount;
        Columns = columns;
        _byName = new Dictionary<string, FrameColumn>(columns.Count, StringComparer.Ordinal);
        foreach (var column in columns)
        {
            if (column.RowCount != rowCount)
                throw new ArgumentException($"column '{column.Name}' has {column.RowCount} rows, frame has {rowCount}");
            if (!_byName.TryAdd(column.Name, column))
                throw new ArgumentException($"column '{column.Name}' appears twice");
        }
    }

    public int RowCount { get; }
    public IReadOnlyList<FrameColumn> Columns { get; }

    public FrameColumn? Find(string name) => _byName.GetValueOrDefault(name);

    public FrameColumn this[string name] => _byName.TryGetValue(name, out var c)
        ? c
        : throw new KeyNotFoundException($"frame has no column '{name}'");
}
