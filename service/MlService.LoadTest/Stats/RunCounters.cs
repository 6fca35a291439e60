namespace MlService.LoadTest.Stats;

/// <summary>
/// Counts of finished requests. Requests = Successes + Errors; Abandoned requests (still in flight when the
/// user pressed Ctrl-C) are neither.
/// </summary>
public readonly record struct RunCounters(long Requests, long Successes, long Errors, long Rows, long Abandoned)
{
    public double ErrorRate => Requests == 0 ? 0 : (double)Errors / Requests;

    public RunCounters Since(RunCounters earlier) => new(
        Requests - earlier.Requests, Successes - earlier.Successes, Errors - earlier.Errors,
        Rows - earlier.Rows, Abandoned - earlier.Abandoned);
}
