namespace MlService.Core.Runtimes.Onnx;

/// <summary>
/// How one graph input is filled from a request frame, planned once at load following MLflow's ONNX pyfunc:
/// a graph input named like a signature input is fed from that column; a graph with a single input and a
/// column signature gets the whole frame as one matrix (<c>df.values</c>). Data is converted to the graph's
/// element type (float64 -> float32 as MLflow casts).
/// </summary>
internal abstract class InputFeed(GraphValue input)
{
    public GraphValue Input { get; } = input;

    /// <summary>Converts this input's data once per request.</summary>
    public abstract FeedData Prepare(Frame frame);

    public static IReadOnlyList<InputFeed> Plan(IReadOnlyList<GraphValue> inputs, IReadOnlyList<FieldSpec> signature)
    {
        var feeds = new List<InputFeed>(inputs.Count);
        foreach (var input in inputs)
        {
            var named = signature.FirstOrDefault(s => s.Name == input.Name);
            if (named is not null) feeds.Add(new ColumnFeed(input, named));
            else if (inputs.Count == 1 && signature is [{ IsTensor: true } single]) feeds.Add(new ColumnFeed(input, single));
            else if (inputs.Count == 1 && signature.Count > 0 && signature.All(s => !s.IsTensor)) feeds.Add(new MatrixFeed(input, signature));
            else
                throw new ModelLoadException(
                    $"graph input '{input.Name}' is not in the model signature (inputs: {string.Join(", ", signature.Select(s => s.Name))})");
        }
        return feeds;
    }

    /// <summary>Per-row shape of the graph input for rows of <paramref name="width"/> elements.</summary>
    protected long[] RowShape(int width, IReadOnlyList<long>? columnShape)
    {
        var inner = Input.Dims[1..];
        long known = 1;
        var unknown = 0;
        foreach (var d in inner)
        {
            if (d < 0) unknown++;
            else known *= d;
        }
        if (unknown == 0 && known == width) return inner;
        if (unknown == 1 && known > 0 && width % known == 0)
            return inner.Select(d => d < 0 ? width / known : d).ToArray();
        if (columnShape is not null && columnShape.Count == inner.Length && columnShape.All(d => d > 0)
            && columnShape.Aggregate(1L, (a, d) => a * d) == width && inner.Zip(columnShape).All(p => p.First < 0 || p.First == p.Second))
            return columnShape.ToArray();
        throw new ArgumentException(
            $"graph input '{Input.Name}' has shape [{string.Join(", ", Input.Dims)}], which does not fit {width} value(s) per row");
    }

    /// <summary>Values per row the graph input needs, when every non-batch dimension is fixed.</summary>
    protected long? FixedWidth => Input.Dims.Skip(1).All(d => d >= 0) ? Input.Dims.Skip(1).Aggregate(1L, (a, d) => a * d) : null;
}
