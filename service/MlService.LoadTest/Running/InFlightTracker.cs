namespace MlService.LoadTest.Running;

/// <summary>
/// Counts requests in flight against a limit and lets the runner wait until none is left, without keeping a
/// task per request (an hour of open-loop load is millions of requests). Thread-safe.
/// </summary>
public sealed class InFlightTracker(int limit)
{
    private readonly object _gate = new();
    private TaskCompletionSource _idle = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _count;

    public int Count => Volatile.Read(ref _count);

    /// <summary>False when the limit is reached; the caller must then not send (and not call Exit).</summary>
    public bool TryEnter()
    {
        if (Interlocked.Increment(ref _count) <= limit) return true;
        Exit();
        return false;
    }

    public void Exit()
    {
        if (Interlocked.Decrement(ref _count) != 0) return;
        lock (_gate)
        {
            if (Volatile.Read(ref _count) != 0) return;
            _idle.TrySetResult();
            _idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    public Task WhenIdleAsync()
    {
        lock (_gate) return Volatile.Read(ref _count) == 0 ? Task.CompletedTask : _idle.Task;
    }
}
