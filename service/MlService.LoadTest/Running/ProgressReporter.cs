using System.Diagnostics;

namespace MlService.LoadTest.Running;

/// <summary>
/// Once a second: closes a timeline point and prints a progress line (to stderr, so stdout keeps only the
/// summary). Runs on its own task until the run ends; <see cref="Finish"/> closes the last partial second.
/// </summary>
public sealed class ProgressReporter(RunStats stats, Timeline timeline, InFlightTracker inFlight, TextWriter? output)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public TimeSpan Elapsed => _clock.Elapsed;

    public async Task RunAsync(CancellationToken done)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(done)) Print(timeline.Sample(stats, _clock.Elapsed.TotalSeconds));
        }
        catch (OperationCanceledException)
        {
            // the run is over
        }
    }

    public void Finish()
    {
        var before = timeline.Points.Count;
        var point = timeline.Finish(stats, _clock.Elapsed.TotalSeconds);
        // Print only a genuinely new last second; a folded remainder was mostly printed already.
        if (timeline.Points.Count > before && point.Requests > 0) Print(point);
    }

    private void Print(TimelinePoint point)
    {
        if (output is null) return;
        var total = stats.Counters;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"[{point.Second,7:F1}s] {point.RequestsPerSecond,9:F1} req/s  p50 {point.P50Ms,8:F2} ms  p99 {point.P99Ms,8:F2} ms  errors {point.Errors} (total {total.Errors}, {total.ErrorRate:P2})  in flight {inFlight.Count}"));
    }
}
