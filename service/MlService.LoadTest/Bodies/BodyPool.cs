using MlService.LoadTest.Payloads;

namespace MlService.LoadTest.Bodies;

/// <summary>
/// Request bodies built before the run so JSON generation is not on the hot path. Bodies are handed out
/// round-robin; thread-safe (one interlocked counter).
/// </summary>
public sealed class BodyPool
{
    private readonly RequestBody[] _bodies;
    private long _next = -1;

    public BodyPool(IReadOnlyList<RequestBody> bodies)
    {
        if (bodies.Count == 0) throw new ArgumentException("a body pool needs at least one body", nameof(bodies));
        _bodies = bodies.ToArray();
    }

    public int Count => _bodies.Length;

    /// <summary>Every body in send order (the raw HTTP/1.1 client prebuilds one request per body).</summary>
    public IReadOnlyList<RequestBody> Bodies => _bodies;

    public RequestBody Next() => _bodies[(int)((ulong)Interlocked.Increment(ref _next) % (ulong)_bodies.Length)];

    /// <summary>Cuts the rows into <paramref name="poolSize"/> batches of <paramref name="batchSize"/>, cycling when rows run out.</summary>
    public static BodyPool Build(RowSet rows, IBodyBuilder builder, int batchSize, int poolSize)
    {
        var bodies = new List<RequestBody>(poolSize);
        var cursor = 0;
        for (var b = 0; b < poolSize; b++)
        {
            var batch = new object?[batchSize][];
            for (var r = 0; r < batchSize; r++) batch[r] = rows.Rows[cursor++ % rows.Rows.Count];
            bodies.Add(new RequestBody(builder.Build(rows.Columns, batch), batchSize));
        }
        return new BodyPool(bodies);
    }
}
