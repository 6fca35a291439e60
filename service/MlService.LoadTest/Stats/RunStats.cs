namespace MlService.LoadTest.Stats;

/// <summary>
/// Everything measured during a run: counters, latencies, errors and replicas. Request senders record into
/// it from many threads at once; readers (progress, timeline, steps, summary) take snapshots.
/// </summary>
public sealed class RunStats
{
    public const string ClientOverloaded = "client overloaded";
    private long _requests, _successes, _errors, _rows, _abandoned;
    private RunCounters _stepStart;

    public LatencyRecorder Latency { get; } = new();
    public ErrorCounter Errors { get; } = new();
    public ReplicaCounter Replicas { get; } = new();

    public RunCounters Counters => new(
        Interlocked.Read(ref _requests), Interlocked.Read(ref _successes), Interlocked.Read(ref _errors),
        Interlocked.Read(ref _rows), Interlocked.Read(ref _abandoned));

    /// <summary>A response arrived; non-2xx statuses are errors. Latency is recorded for every response.</summary>
    public void RecordResponse(int status, long latencyMicros, string? servedBy, int rows)
    {
        Latency.Record(latencyMicros);
        Replicas.Add(servedBy);
        if (status is >= 200 and < 300)
        {
            Interlocked.Increment(ref _successes);
            Interlocked.Add(ref _rows, rows);
        }
        else
        {
            Errors.AddStatus(status);
            Interlocked.Increment(ref _errors);
        }
        Interlocked.Increment(ref _requests);
    }

    /// <summary>No response: connection failure, timeout, or the client refused to send (overloaded).</summary>
    public void RecordFailure(string kind)
    {
        Errors.AddException(kind);
        Interlocked.Increment(ref _errors);
        Interlocked.Increment(ref _requests);
    }

    public void RecordAbandoned() => Interlocked.Increment(ref _abandoned);

    public void BeginStep()
    {
        _stepStart = Counters;
        Latency.TakeStep();
    }

    public (RunCounters Counters, LatencySummary Latency) EndStep() => (Counters.Since(_stepStart), Latency.TakeStep());
}
