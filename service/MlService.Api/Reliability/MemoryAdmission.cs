using System.Diagnostics;
using MlService.Api.Containers;

namespace MlService.Api.Reliability;

/// <summary>
/// Counts the memory the requests in flight hold (an estimate from each body's size) against a share of the
/// container's memory limit, and watches the container's working set. The cgroup is read on the request path at
/// most once per <c>refresh</c> (one request refreshes, the others use the last sample). One request is always
/// admitted when none is in flight, so the server never sheds everything while idle. Thread-safe.
/// </summary>
public sealed class MemoryAdmission
{
    private readonly MemoryAdmissionOptions _options;
    private readonly CgroupMemoryReader _reader;
    private readonly long _refreshTicks;
    private volatile CgroupMemory _sample;
    private long _sampledAt;
    private int _refreshing;
    private long _reserved;
    private int _inFlight;

    public MemoryAdmission(MemoryAdmissionOptions options, CgroupMemoryReader reader, TimeSpan refresh)
    {
        _options = options;
        _reader = reader;
        _refreshTicks = (long)(refresh.TotalSeconds * Stopwatch.Frequency);
        _sample = reader.Read();
        _sampledAt = Stopwatch.GetTimestamp();
    }

    /// <summary>The limit planned against: the cgroup's, else the configured budget, else none.</summary>
    public long? LimitBytes => Limit(Sample());

    /// <summary>The share of the limit the requests in flight may hold; null without a limit.</summary>
    public long? BudgetBytes => Budget(LimitBytes);

    public long ReservedBytes => Volatile.Read(ref _reserved);

    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>The memory a request is expected to hold: overhead plus a multiple of its body (declared, or assumed when chunked).</summary>
    public long CostOf(HttpRequest request) =>
        CostOfBody(request.ContentLength ?? (request.Headers.TransferEncoding.Count > 0 ? _options.UnknownLengthBodyBytes : 0));

    /// <summary>The memory a request with a body of <paramref name="bodyBytes"/> is expected to hold (a gRPC message's size).</summary>
    public long CostOfBody(long bodyBytes) => _options.RequestOverheadBytes + bodyBytes * _options.BytesPerBodyByte;

    /// <summary>Admits (and reserves <paramref name="cost"/> until <see cref="Leave"/>) or says why not (and holds nothing).</summary>
    public MemoryVerdict TryEnter(long cost)
    {
        var sample = Sample();
        var inFlight = Interlocked.Increment(ref _inFlight);
        var reserved = Interlocked.Add(ref _reserved, cost);
        var verdict = Decide(sample, cost, inFlight, reserved);
        if (verdict != MemoryVerdict.Admitted) Leave(cost);
        return verdict;
    }

    /// <summary>Ends an admitted request: its reservation is free again.</summary>
    public void Leave(long cost)
    {
        Interlocked.Add(ref _reserved, -cost);
        Interlocked.Decrement(ref _inFlight);
    }

    private MemoryVerdict Decide(CgroupMemory sample, long cost, int inFlight, long reserved)
    {
        if (Limit(sample) is not { } limit) return MemoryVerdict.Admitted;
        var budget = Budget(limit)!.Value;
        if (cost > budget) return MemoryVerdict.TooLarge;
        if (inFlight == 1) return MemoryVerdict.Admitted;
        if (reserved > budget) return MemoryVerdict.OverBudget;
        var highWater = _options.HighWaterPercent > 0 && sample.WorkingSetBytes >= Percent(limit, _options.HighWaterPercent);
        return highWater ? MemoryVerdict.HighWater : MemoryVerdict.Admitted;
    }

    private long? Limit(CgroupMemory sample) => sample.LimitBytes ?? (_options.BudgetBytes > 0 ? _options.BudgetBytes : null);

    private long? Budget(long? limit) => limit is { } l ? Percent(l, _options.InFlightPercent) : null;

    /// <summary>floor(value × percent / 100) without overflow for any limit a cgroup can hold.</summary>
    private static long Percent(long value, int percent) => value / 100 * percent + value % 100 * percent / 100;

    private CgroupMemory Sample()
    {
        var sample = _sample;
        var now = Stopwatch.GetTimestamp();
        if (now - Volatile.Read(ref _sampledAt) < _refreshTicks || Interlocked.CompareExchange(ref _refreshing, 1, 0) != 0) return sample;
        try
        {
            sample = _reader.Read();
            _sample = sample;
            Volatile.Write(ref _sampledAt, now);
            return sample;
        }
        finally
        {
            Volatile.Write(ref _refreshing, 0);
        }
    }
}
