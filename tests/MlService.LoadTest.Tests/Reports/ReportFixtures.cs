namespace MlService.LoadTest.Tests.Reports;

/// <summary>A report built from known numbers, for the report and SLO tests.</summary>
public static class ReportFixtures
{
    public static LoadReport Report(LoadOptions options)
    {
        var stats = new RunStats();
        var timeline = new Timeline();
        for (var second = 1; second <= 3; second++)
        {
            for (var i = 0; i < 98; i++) stats.RecordResponse(200, 1_000 * second, i % 3 == 0 ? "pod-b" : "pod-a", rows: 1);
            stats.RecordResponse(500, 2_000, "pod-a", rows: 1);
            stats.RecordFailure("timeout");
            timeline.Sample(stats, second);
        }
        return LoadReport.Create(options, "3", new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero), 3.0, stats, timeline, steps: null);
    }
}
