namespace MlService.LoadTest.Running;

/// <summary>
/// When each request of an open loop is due: request n at start + n / rate (in <see cref="System.Diagnostics.Stopwatch"/>
/// ticks), for as long as the duration lasts and at most <c>maxRequests</c>. Pure arithmetic, so it is tested without a clock.
/// </summary>
public readonly record struct OpenLoopSchedule(long StartTimestamp, double Rate, TimeSpan Duration, long? MaxRequests, long TicksPerSecond)
{
    /// <summary>False when request <paramref name="n"/> is past the duration or the request count: the loop ends.</summary>
    public bool TryGetDue(long n, out long due)
    {
        due = 0;
        if (MaxRequests is { } max && n >= max) return false;
        var offset = n * (TicksPerSecond / Rate);
        if (offset >= Duration.TotalSeconds * TicksPerSecond) return false;
        due = StartTimestamp + (long)offset;
        return true;
    }
}
