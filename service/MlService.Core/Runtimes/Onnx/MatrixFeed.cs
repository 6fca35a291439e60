namespace MlService.Core.Runtimes.Onnx;

/// <summary>
/// Feeds a graph's only input [-1, n] from every signature column in signature order, one row of n values per
/// frame row — MLflow feeds <c>df.values</c> the same way.
/// </summary>
internal sealed class MatrixFeed : InputFeed
{
    private readonly IReadOnlyList<FieldSpec> _fields;
    private readonly int _width;

    public MatrixFeed(GraphValue input, IReadOnlyList<FieldSpec> fields) : base(input)
    {
        _fields = fields;
        _width = fields.Sum(f => f.RowWidth);
        if (input.Dims.Length != 2)
            throw new ModelLoadException($"graph input '{input.Name}' has shape [{string.Join(", ", input.Dims)}]; a column signature can only fill a [-1, n] matrix");
        if (FixedWidth is { } width && width != _width)
            throw new ModelLoadException($"graph input '{input.Name}' takes {width} values per row, but the signature has {_width} columns");
    }

    public override FeedData Prepare(Frame frame)
    {
        var rows = frame.RowCount;
        var matrix = Array.CreateInstance(DataKinds.ElementType(Input.Kind), checked(rows * _width));
        var offset = 0;
        foreach (var field in _fields)
        {
            var column = frame.Find(field.Name) ?? throw new ArgumentException($"input frame has no column '{field.Name}'");
            var converted = ColumnConversion.ConvertTo(column, Input.Kind);
            Interleave(converted.Values, converted.Width, matrix, offset);
            offset += converted.Width;
        }
        return new FeedData(matrix, _width, [_width]);
    }

    private void Interleave(Array source, int sourceWidth, Array target, int offset)
    {
        switch (source)
        {
            case float[] f: Interleave(f, sourceWidth, (float[])target, offset); break;
            case double[] d: Interleave(d, sourceWidth, (double[])target, offset); break;
            case long[] l: Interleave(l, sourceWidth, (long[])target, offset); break;
            case int[] i: Interleave(i, sourceWidth, (int[])target, offset); break;
            default:
                for (var row = 0; row < source.Length / sourceWidth; row++)
                    Array.Copy(source, row * sourceWidth, target, row * _width + offset, sourceWidth);
                break;
        }
    }

    private void Interleave<T>(T[] source, int sourceWidth, T[] target, int offset)
    {
        for (int row = 0, rows = source.Length / sourceWidth; row < rows; row++)
            source.AsSpan(row * sourceWidth, sourceWidth).CopyTo(target.AsSpan(row * _width + offset, sourceWidth));
    }
}
