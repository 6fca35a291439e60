namespace MlService.LoadTest.Stats;

/// <summary>One sample of the per-second timeline: what finished during the interval ending at <see cref="Second"/>.</summary>
public sealed record TimelinePoint(
    double Second, double IntervalSeconds, long Requests, long Errors, long Rows,
    double RequestsPerSecond, double RowsPerSecond, double P50Ms, double P90Ms, double P99Ms, double MaxMs);
