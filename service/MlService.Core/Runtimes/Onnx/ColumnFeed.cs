namespace MlService.Core.Runtimes.Onnx;

/// <summary>Feeds a graph input from one frame column: a scalar column into [-1] / [-1, 1], a tensor column into [-1, ...].</summary>
internal sealed class ColumnFeed : InputFeed
{
    private readonly FieldSpec _field;

    public ColumnFeed(GraphValue input, FieldSpec field) : base(input)
    {
        _field = field;
        var declaresWidth = !field.IsTensor || field.Shape!.Skip(1).All(d => d >= 0);
        if (declaresWidth && FixedWidth is { } width && width != field.RowWidth)
            throw new ModelLoadException(
                $"graph input '{input.Name}' takes {width} value(s) per row, but signature input '{field.Name}' has {field.RowWidth}");
    }

    public override FeedData Prepare(Frame frame)
    {
        var column = frame.Find(_field.Name) ?? throw new ArgumentException($"input frame has no column '{_field.Name}'");
        var converted = ColumnConversion.ConvertTo(column, Input.Kind);
        return new FeedData(converted.Values, converted.Width, RowShape(converted.Width, column.Shape));
    }
}
