namespace MlService.LoadTest.Stats;

/// <summary>The per-second samples of a run. Sample is called by one ticking thread; Points may be read from any.</summary>
public sealed class Timeline
{
    private readonly List<TimelinePoint> _points = [];
    private readonly object _gate = new();
    private RunCounters _last;
    private double _lastSecond;

    /// <summary>Closes the interval ending at <paramref name="elapsedSeconds"/> into a point and returns it.</summary>
    public TimelinePoint Sample(RunStats stats, double elapsedSeconds)
    {
        var counters = stats.Counters;
        var delta = counters.Since(_last);
        var latency = stats.Latency.TakeInterval();
        var length = Math.Max(elapsedSeconds - _lastSecond, 1e-6);
        var point = new TimelinePoint(
            Math.Round(elapsedSeconds, 3), Math.Round(length, 3), delta.Requests, delta.Errors, delta.Rows,
            Math.Round(delta.Requests / length, 2), Math.Round(delta.Rows / length, 2),
            latency.P50Ms, latency.P90Ms, latency.P99Ms, latency.MaxMs);
        _last = counters;
        _lastSecond = elapsedSeconds;
        lock (_gate) _points.Add(point);
        return point;
    }

    public IReadOnlyList<TimelinePoint> Points
    {
        get { lock (_gate) return _points.ToList(); }
    }
}
