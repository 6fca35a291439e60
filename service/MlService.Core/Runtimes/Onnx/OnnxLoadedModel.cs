using Microsoft.ML.OnnxRuntime;

namespace MlService.Core.Runtimes.Onnx;

/// <summary>
/// A loaded ONNX graph. Thread-safety: one <see cref="InferenceSession"/> per model is shared by all requests —
/// ONNX Runtime allows concurrent <c>Run</c> calls on one session; every Predict creates its own input and
/// output values. Dispose releases the native session once no request uses it (the registry's job).
/// </summary>
internal sealed class OnnxLoadedModel : ILoadedModel
{
    private readonly InferenceSession _session;
    private readonly IReadOnlyList<InputFeed> _feeds;
    private readonly IReadOnlyList<GraphValue> _outputs;
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;
    private readonly int? _batch;
    private volatile bool _disposed;

    public OnnxLoadedModel(InferenceSession session, OnnxGraph graph, IReadOnlyList<InputFeed> feeds, ModelSignature signature)
    {
        _session = session;
        _feeds = feeds;
        _outputs = graph.Outputs;
        _inputNames = feeds.Select(f => f.Input.Name).ToArray();
        _outputNames = _outputs.Select(o => o.Name).ToArray();
        var fixedBatches = graph.Inputs.Select(i => i.FixedBatch).OfType<long>().Distinct().ToList();
        if (fixedBatches.Count > 1)
            throw new ModelLoadException($"graph inputs fix different batch sizes ({string.Join(", ", fixedBatches)})");
        _batch = fixedBatches.Count == 1 ? checked((int)fixedBatches[0]) : null;
        Signature = signature;
    }

    public ModelSignature Signature { get; }

    public IReadOnlyList<long>? OutputShape(string output) =>
        _outputs.FirstOrDefault(o => o.Name == output) is { IsMapSequence: false } value ? value.Dims : null;

    public Frame Predict(Frame input)
    {
        // A native session must not be run once released; the registry disposes only after in-flight requests end.
        ObjectDisposedException.ThrowIf(_disposed, this);
        var rows = input.RowCount;
        if (rows == 0) return new Frame(0, _outputs.Select(OutputDecoder.Empty).ToList());
        var chunk = _batch ?? rows;
        if (rows % chunk != 0)
            throw new InputValidationException(new Dictionary<string, string[]>
            {
                ["rows"] = [$"this model takes batches of exactly {chunk} rows; got {rows}"],
            });

        var data = _feeds.Select(f => f.Prepare(input)).ToArray();
        var parts = new List<FrameColumn[]>(rows / chunk);
        for (var start = 0; start < rows; start += chunk) parts.Add(Run(data, start, chunk));
        if (parts.Count == 1) return new Frame(rows, parts[0]);
        var columns = new FrameColumn[_outputs.Count];
        for (var o = 0; o < columns.Length; o++) columns[o] = Concat(parts.Select(p => p[o]).ToList());
        return new Frame(rows, columns);
    }

    public void Dispose()
    {
        _disposed = true;
        _session.Dispose();
    }

    private FrameColumn[] Run(FeedData[] data, int start, int rows)
    {
        var tensors = new List<OrtValue>(data.Length);
        try
        {
            foreach (var feed in data) tensors.Add(feed.Slice(start, rows));
            using var options = new RunOptions();
            using var results = _session.Run(options, _inputNames, tensors, _outputNames);
            var columns = new FrameColumn[_outputs.Count];
            var i = 0;
            foreach (var result in results)
            {
                columns[i] = OutputDecoder.Decode(_outputs[i], result, rows);
                i++;
            }
            return columns;
        }
        finally
        {
            foreach (var tensor in tensors) tensor.Dispose();
        }
    }

    /// <summary>Joins the per-batch columns of a fixed-batch model into one column.</summary>
    private static FrameColumn Concat(IReadOnlyList<FrameColumn> parts)
    {
        var first = parts[0];
        var values = Array.CreateInstance(first.Values.GetType().GetElementType()!, parts.Sum(p => p.Values.Length));
        var offset = 0;
        foreach (var part in parts)
        {
            if (part.Width != first.Width) throw new InvalidOperationException($"output '{first.Name}' changes width between batches");
            Array.Copy(part.Values, 0, values, offset, part.Values.Length);
            offset += part.Values.Length;
        }
        return new FrameColumn(first.Name, first.Kind, values, first.Width, first.SlotNames, first.Shape);
    }
}
