namespace MlService.Api.Reliability;

/// <summary>
/// The slots of <see cref="ConcurrencyLimitMiddleware"/>: at most <see cref="LimitsOptions.MaxConcurrentRequests"/>
/// requests run and <see cref="LimitsOptions.QueueLimit"/> wait (FIFO, asynchronously: no thread held). One per
/// service (a singleton), so operators and tests can read how many requests run and wait; the request path only
/// pays the admission counter and the semaphore (the queue gauge is computed when /metrics is scraped). Thread-safe.
/// </summary>
public sealed class ConcurrencyLimiter : IDisposable
{
    private readonly int _slotCount;
    private readonly int _capacity;
    private readonly SemaphoreSlim _slots;
    private readonly IDisposable _queueGauge;
    private int _admitted; // running + waiting

    public ConcurrencyLimiter(IOptions<LimitsOptions> options, ServiceMetrics metrics)
    {
        _slotCount = Math.Max(options.Value.MaxConcurrentRequests, 1);
        _capacity = _slotCount + options.Value.QueueLimit;
        _slots = new SemaphoreSlim(_slotCount);
        _queueGauge = metrics.ReportQueue(() => Waiting);
    }

    /// <summary>Requests holding a slot now.</summary>
    public int Running => _slotCount - _slots.CurrentCount;

    /// <summary>Requests admitted but not (yet) holding a slot.</summary>
    public int Waiting => Math.Max(0, Volatile.Read(ref _admitted) - Running);

    /// <summary>False when running + waiting is already at capacity: refuse the request (it holds nothing).</summary>
    public bool TryAdmit()
    {
        if (Interlocked.Increment(ref _admitted) <= _capacity) return true;
        Interlocked.Decrement(ref _admitted);
        return false;
    }

    /// <summary>Waits for a slot, oldest first (after <see cref="TryAdmit"/>).</summary>
    public Task EnterAsync(CancellationToken cancelled) => _slots.WaitAsync(cancelled);

    /// <summary>Gives the slot back (after a completed <see cref="EnterAsync"/>).</summary>
    public void ExitSlot() => _slots.Release();

    /// <summary>Ends the admission (after <see cref="TryAdmit"/> returned true, whether or not a slot was had).</summary>
    public void Leave() => Interlocked.Decrement(ref _admitted);

    public void Dispose()
    {
        _queueGauge.Dispose();
        _slots.Dispose();
    }
}
