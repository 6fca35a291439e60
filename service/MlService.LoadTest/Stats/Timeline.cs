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

    /// <summary>
    /// Closes the last interval of the run. A remainder shorter than half a second is folded into the previous
    /// point (its percentiles become the higher of the two), so a few stragglers do not draw a fake rate spike.
    /// </summary>
    public TimelinePoint Finish(RunStats stats, double elapsedSeconds)
    {
        var last = Sample(stats, elapsedSeconds);
        lock (_gate)
        {
            if (_points.Count < 2 || last.IntervalSeconds >= 0.5) return last;
            var previous = _points[^2];
            var length = previous.IntervalSeconds + last.IntervalSeconds;
            var merged = new TimelinePoint(
                last.Second, Math.Round(length, 3), previous.Requests + last.Requests, previous.Errors + last.Errors,
                previous.Rows + last.Rows,
                Math.Round((previous.Requests + last.Requests) / length, 2), Math.Round((previous.Rows + last.Rows) / length, 2),
                Math.Max(previous.P50Ms, last.P50Ms), Math.Max(previous.P90Ms, last.P90Ms),
                Math.Max(previous.P99Ms, last.P99Ms), Math.Max(previous.MaxMs, last.MaxMs));
            _points.RemoveRange(_points.Count - 2, 2);
            _points.Add(merged);
            return merged;
        }
    }

    public IReadOnlyList<TimelinePoint> Points
    {
        get { lock (_gate) return _points.ToList(); }
    }
}
