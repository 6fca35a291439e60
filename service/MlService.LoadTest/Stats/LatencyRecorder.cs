using HdrHistogram;

namespace MlService.LoadTest.Stats;

/// <summary>
/// Latencies in microseconds kept in HdrHistograms (3 significant digits, up to one hour): one for the whole
/// run, one for the current second (the timeline and progress line) and one for the current step.
/// Thread-safe: a lock guards the histograms; one Record is a few array increments, so the lock is short.
/// </summary>
public sealed class LatencyRecorder
{
    public const long HighestMicros = 3_600_000_000;
    private readonly object _gate = new();
    private readonly LongHistogram _total = New();
    private readonly LongHistogram _interval = New();
    private readonly LongHistogram _step = New();

    public void Record(long micros)
    {
        var value = Math.Clamp(micros, 1, HighestMicros);
        lock (_gate)
        {
            _total.RecordValue(value);
            _interval.RecordValue(value);
            _step.RecordValue(value);
        }
    }

    public LatencySummary Total()
    {
        lock (_gate) return LatencySummary.From(_total);
    }

    /// <summary>Summary of the values since the previous call, then starts a new interval.</summary>
    public LatencySummary TakeInterval() => Take(_interval);

    /// <summary>Summary of the values since the previous call, then starts a new step.</summary>
    public LatencySummary TakeStep() => Take(_step);

    private LatencySummary Take(LongHistogram histogram)
    {
        lock (_gate)
        {
            var summary = LatencySummary.From(histogram);
            histogram.Reset();
            return summary;
        }
    }

    private static LongHistogram New() => new(HighestMicros, 3);
}
