namespace MlService.Api.Tests.Reliability;

/// <summary>
/// What the test-only runtime does to every loaded model's Predict, switched by a test at run time:
/// throw, or block until released. Counts calls. Thread-safe.
/// </summary>
public sealed class ModelFaults
{
    private readonly SemaphoreSlim _gate = new(0);
    private volatile bool _throw;
    private volatile bool _blocked;
    private int _calls;

    /// <summary>Calls whose row count equals this fail (the others succeed), so one request can fail among many.</summary>
    public int? FailBatchesOfRows { get; set; }

    public int Calls => Volatile.Read(ref _calls);

    public void ThrowOnPredict(bool on) => _throw = on;

    /// <summary>From now on Predict waits until <see cref="Release"/> (at most 30 s, so a broken test cannot hang).</summary>
    public void Block() => _blocked = true;

    public void Release()
    {
        _blocked = false;
        _gate.Release(1_000);
    }

    public void BeforePredict(int rows)
    {
        Interlocked.Increment(ref _calls);
        if (_blocked) _gate.Wait(TimeSpan.FromSeconds(30));
        if (_throw || FailBatchesOfRows == rows) throw new InvalidOperationException("injected model fault: secret-internal-detail");
    }
}
