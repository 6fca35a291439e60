using Microsoft.Extensions.Options;
using MlService.Api.Metrics;

namespace MlService.Api.Reliability;

/// <summary>
/// The slots of <see cref="ConcurrencyLimitMiddleware"/>: at most <see cref="LimitsOptions.MaxConcurrentRequests"/>
/// requests run and <see cref="LimitsOptions.QueueLimit"/> wait (FIFO, asynchronously: no thread held). One per
/// service (a singleton), so operators and tests can read how many requests run and wait. Thread-safe.
/// </summary>
public sealed class ConcurrencyLimiter(IOptions<LimitsOptions> options, ServiceMetrics metrics)
{
    private readonly int _slotCount = Math.Max(options.Value.MaxConcurrentRequests, 1);
    private readonly int _capacity = Math.Max(options.Value.MaxConcurrentRequests, 1) + options.Value.QueueLimit;
    private readonly SemaphoreSlim _slots = new(Math.Max(options.Value.MaxConcurrentRequests, 1));
    private int _admitted; // running + waiting
    private int _waiting;

    /// <summary>Requests holding a slot now.</summary>
    public int Running => _slotCount - _slots.CurrentCount;

    /// <summary>Requests admitted but waiting for a slot now.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    /// <summary>False when running + waiting is already at capacity: refuse the request (it holds nothing).</summary>
    public bool TryAdmit()
    {
        if (Interlocked.Increment(ref _admitted) <= _capacity) return true;
        Interlocked.Decrement(ref _admitted);
        return false;
    }

    /// <summary>
    /// Waits for a slot (after <see cref="TryAdmit"/>). Only a request that finds no free slot touches the
    /// <c>mlservice_requests_queued</c> gauge, so an unloaded service pays nothing for it.
    /// </summary>
    public ValueTask EnterAsync(CancellationToken cancelled)
    {
        if (_slots.Wait(0)) return ValueTask.CompletedTask;
        return WaitForSlotAsync(cancelled);
    }

    private async ValueTask WaitForSlotAsync(CancellationToken cancelled)
    {
        Interlocked.Increment(ref _waiting);
        metrics.RequestQueued();
        try
        {
            await _slots.WaitAsync(cancelled);
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
            metrics.RequestDequeued();
        }
    }

    /// <summary>Gives the slot back (after a completed <see cref="EnterAsync"/>).</summary>
    public void ExitSlot() => _slots.Release();

    /// <summary>Ends the admission (after <see cref="TryAdmit"/> returned true, whether or not a slot was had).</summary>
    public void Leave() => Interlocked.Decrement(ref _admitted);
}
