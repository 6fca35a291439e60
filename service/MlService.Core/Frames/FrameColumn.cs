namespace MlService.Core.Frames;

/// <summary>
/// One named, typed column of a <see cref="Frame"/>. Values are stored flat and row-major in a typed array
/// (<c>float[]</c>, <c>long[]</c>, <c>string?[]</c>, ...); a tensor column holds <see cref="Width"/> elements per row.
/// </summary>
public sealed class FrameColumn
{
    public FrameColumn(string name, DataKind kind, Array values, int width = 1, IReadOnlyList<string>? slotNames = null, IReadOnlyList<long>? shape = null)
    {
        if (values.GetType() != DataKinds.ArrayType(kind))
            throw new ArgumentException($"column '{name}' of kind {kind} cannot hold {values.GetType().Name}", nameof(values));
        if (width < 1 || values.Length % width != 0)
            throw new ArgumentException($"column '{name}' has {values.Length} values, not a multiple of width {width}", nameof(values));
        Name = name;
        Kind = kind;
        Values = values;
        Width = width;
        SlotNames = slotNames;
        Shape = shape;
    }

    public string Name { get; }
    public DataKind Kind { get; }

    /// <summary>Typed array of Rows * Width elements.</summary>
    public Array Values { get; }

    /// <summary>Elements per row (1 for a scalar column).</summary>
    public int Width { get; }

    /// <summary>Names of the elements of a vector column (e.g. class labels of a score vector), if known.</summary>
    public IReadOnlyList<string>? SlotNames { get; }

    /// <summary>
    /// Per-row dimensions of a tensor column when the source had them: [28, 28] for an image, [1] for a model output of
    /// shape [N, 1], [3] for [N, 3]; null for a plain column (one value per row, or a vector of <see cref="Width"/>).
    /// </summary>
    public IReadOnlyList<long>? Shape { get; }

    public int RowCount => Values.Length / Width;

    public T[] As<T>() => Values as T[]
        ?? throw new InvalidOperationException($"column '{Name}' holds {Kind}, not {typeof(T).Name}");

    public static FrameColumn Create<T>(string name, DataKind kind, T[] values, int width = 1, IReadOnlyList<string>? slotNames = null) =>
        new(name, kind, values, width, slotNames);

    /// <summary>Allocates an empty column for <paramref name="rows"/> rows.</summary>
    public static FrameColumn Allocate(string name, DataKind kind, int rows, int width = 1) =>
        new(name, kind, Array.CreateInstance(DataKinds.ElementType(kind), checked(rows * width)), width);

    /// <summary>Boxed value of element <paramref name="index"/> (row * Width + slot); for encoders, not the hot path.</summary>
    public object? GetBoxed(int index) => Values.GetValue(index);
}
