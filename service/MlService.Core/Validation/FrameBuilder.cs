using MlService.Core.Csv;

namespace MlService.Core.Validation;

/// <summary>
/// Builds a <see cref="Frame"/> for a model's inputs from values a codec reads off the wire (CSV text here, JSON
/// tokens through <c>Codecs.FrameJsonReader</c>), coercing each to the signature's type with <see cref="ColumnCoercion"/>
/// and collecting every problem by field path. All protocols feed rows through this class, so validation is the same everywhere.
/// Not thread-safe: one builder per request.
/// </summary>
public sealed class FrameBuilder
{
    private readonly IReadOnlyList<FieldSpec> _fields;
    private readonly Array[] _values;
    private bool[] _present;
    private readonly Func<int, string, string> _path;

    /// <param name="fields">The model's input fields.</param>
    /// <param name="rowCount">Number of rows the codec will feed.</param>
    /// <param name="options">Validation switches.</param>
    /// <param name="path">Formats the error key of (row, field name), e.g. <c>[3].age</c>.</param>
    /// <param name="errors">Where problems go; a codec that builds several parts of one request shares one collector.</param>
    public FrameBuilder(IReadOnlyList<FieldSpec> fields, int rowCount, ValidationOptions options, Func<int, string, string>? path = null,
        FieldErrorCollector? errors = null)
    {
        _fields = fields;
        RowCount = rowCount;
        Capacity = rowCount;
        Options = options;
        Errors = errors ?? new FieldErrorCollector(options.MaxErrors);
        _path = path ?? BatchPath;
        _values = new Array[fields.Count];
        for (var f = 0; f < fields.Count; f++)
        {
            var field = fields[f];
            _values[f] = Allocate(field.Kind, checked(rowCount * field.RowWidth));
            if (!field.Required) FillMissing(_values[f], 0);
        }
        _present = new bool[checked(rowCount * fields.Count)];
    }

    /// <summary>Rows in the frame <see cref="Build"/> makes; codecs that cannot count rows up front set it with <see cref="Grow"/>.</summary>
    public int RowCount { get; private set; }

    /// <summary>Rows the arrays can hold now (at least <see cref="RowCount"/>).</summary>
    public int Capacity { get; private set; }
    public ValidationOptions Options { get; }
    public FieldErrorCollector Errors { get; }
    public IReadOnlyList<FieldSpec> Fields => _fields;

    public static string BatchPath(int row, string field) => $"[{row}].{field}";
    public static string SinglePath(int row, string field) => field;

    public string PathOf(int row, int field) => _path(row, _fields[field].Name);

    public int FieldIndex(string name)
    {
        for (var f = 0; f < _fields.Count; f++)
            if (string.Equals(_fields[f].Name, name, StringComparison.Ordinal)) return f;
        return -1;
    }

    /// <summary>
    /// The field a pandas column label <paramref name="label"/> of a frame without column names (0, 1, ...) stands for: the
    /// field named so when there is one (MLflow keeps pandas' integer names in the signature), else the field at that position
    /// in the signature's order (MLflow matches unnamed columns by position); -1 when the label is not such an index.
    /// </summary>
    public int PositionalFieldIndex(string label)
    {
        var named = FieldIndex(label);
        if (named >= 0) return named;
        return int.TryParse(label, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var position)
            && position < _fields.Count ? position : -1;
    }

    /// <summary>Called by codecs for a field the signature does not name.</summary>
    public void UnknownField(int row, string name)
    {
        if (Options.StrictInputs) Errors.Add(_path(row, name), "is not an input of this model (StrictInputs is on)");
    }

    /// <summary>Reads a value given as text (CSV cell); empty text is a missing value.</summary>
    public void ReadText(int row, int field, string? text)
    {
        if (CsvRecords.IsMissing(text))
        {
            if (_fields[field].Required) { MarkPresent(row, field); Error(row, field, "is required but the value is empty"); }
            return;
        }
        MarkPresent(row, field);
        if (ColumnCoercion.ParseText(text, _fields[field], _values[field], row, Options) is { } error) Error(row, field, error);
    }

    /// <summary>Records that the codec gave a value (or an error) for the field in this row, so <see cref="Build"/> does not report it missing.</summary>
    public void MarkPresent(int row, int field) => _present[row * _fields.Count + field] = true;

    public Array RawValues(int field) => _values[field];

    public void Error(int row, int field, string message) => Errors.Add(PathOf(row, field), message);

    /// <summary>Checks required fields, throws <see cref="Errors.InputValidationException"/> with every problem, else returns the frame.</summary>
    public Frame Build()
    {
        var stride = _fields.Count;
        for (var row = 0; row < RowCount; row++)
        {
            for (var f = 0; f < stride; f++)
                if (!_present[row * stride + f] && _fields[f].Required) Errors.Add(PathOf(row, f), "field required");
        }
        Errors.ThrowIfAny();
        var columns = new FrameColumn[_fields.Count];
        for (var f = 0; f < _fields.Count; f++)
        {
            var spec = _fields[f];
            var rowShape = spec.Shape is { Count: > 2 } ? spec.Shape.Skip(1).ToArray() : null;
            var values = Capacity == RowCount ? _values[f] : Resize(spec, _values[f], RowCount, RowCount);
            columns[f] = new FrameColumn(spec.Name, spec.Kind, values, spec.RowWidth, shape: rowShape);
        }
        return new Frame(RowCount, columns);
    }

    /// <summary>
    /// Makes room for <paramref name="rows"/> rows (for codecs that read rows in one pass without counting them
    /// first); capacity grows to at least <paramref name="capacityHint"/> so a good estimate means one allocation.
    /// </summary>
    public void Grow(int rows, int capacityHint = 0)
    {
        if (rows > Capacity)
        {
            var capacity = Math.Max(rows, Math.Max(capacityHint, Capacity * 2));
            for (var f = 0; f < _fields.Count; f++) _values[f] = Resize(_fields[f], _values[f], Capacity, capacity);
            Array.Resize(ref _present, checked(capacity * _fields.Count));
            Capacity = capacity;
        }
        RowCount = Math.Max(RowCount, rows);
    }

    private static Array Resize(FieldSpec field, Array values, int oldRows, int newRows)
    {
        var resized = Allocate(field.Kind, checked(newRows * field.RowWidth));
        Array.Copy(values, resized, Math.Min(values.Length, resized.Length));
        if (!field.Required && newRows > oldRows) FillMissing(resized, oldRows * field.RowWidth);
        return resized;
    }

    /// <summary>Typed allocation (measurably cheaper than Array.CreateInstance on the per-request path).</summary>
    private static Array Allocate(DataKind kind, int length) => kind switch
    {
        DataKind.Float32 => new float[length],
        DataKind.Float64 => new double[length],
        DataKind.Int64 => new long[length],
        DataKind.Int32 => new int[length],
        DataKind.Boolean => new bool[length],
        DataKind.String => new string?[length],
        _ => Array.CreateInstance(DataKinds.ElementType(kind), length),
    };

    private static void FillMissing(Array values, int from)
    {
        switch (values)
        {
            case float[] f: f.AsSpan(from).Fill(float.NaN); break;
            case double[] d: d.AsSpan(from).Fill(double.NaN); break;
            case Half[] h: h.AsSpan(from).Fill(Half.NaN); break;
        }
    }
}
