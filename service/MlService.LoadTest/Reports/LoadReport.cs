using MlService.LoadTest.Running;

namespace MlService.LoadTest.Reports;

/// <summary>Everything a run found out; the text summary, the JSON report and the HTML report all render this.</summary>
public sealed record LoadReport(
    LoadOptions Config,
    string? ModelVersion,
    DateTimeOffset StartedAt,
    double ElapsedSeconds,
    ReportTotals Totals,
    LatencySummary Latency,
    IReadOnlyDictionary<string, long> ErrorsByStatus,
    IReadOnlyDictionary<string, long> ErrorsByException,
    IReadOnlyList<ReplicaShare> Replicas,
    IReadOnlyList<TimelinePoint> Timeline,
    StepOutcome? Steps,
    SloVerdict Slo)
{
    /// <summary>The tool's own CPU use and scheduling error during the run.</summary>
    public ClientUsage? Client { get; init; }

    public static LoadReport Create(
        LoadOptions config, string? modelVersion, DateTimeOffset startedAt, double elapsedSeconds,
        RunStats stats, Timeline timeline, StepOutcome? steps)
    {
        var counters = stats.Counters;
        var seconds = Math.Max(elapsedSeconds, 1e-6);
        var totals = new ReportTotals(
            counters.Requests, counters.Successes, counters.Errors, counters.Abandoned, counters.Rows,
            Math.Round(counters.Requests / seconds, 2), Math.Round(counters.Rows / seconds, 2), Math.Round(counters.ErrorRate, 6));
        var latency = stats.Latency.Total();
        return new LoadReport(
            config, modelVersion, startedAt, Math.Round(elapsedSeconds, 3), totals, latency,
            stats.Errors.ByStatus().ToDictionary(p => p.Key.ToString(), p => p.Value),
            stats.Errors.ByException(),
            stats.Replicas.Shares(),
            timeline.Points,
            steps,
            SloCheck.Evaluate(config, totals, latency, steps));
    }
}
