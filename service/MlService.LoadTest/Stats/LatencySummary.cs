using HdrHistogram;

namespace MlService.LoadTest.Stats;

/// <summary>Latency percentiles in milliseconds (microsecond resolution) of one histogram.</summary>
public sealed record LatencySummary(long Count, double MeanMs, double P50Ms, double P90Ms, double P99Ms, double P999Ms, double MaxMs)
{
    public static readonly LatencySummary Empty = new(0, 0, 0, 0, 0, 0, 0);

    public static LatencySummary From(HistogramBase histogram)
    {
        if (histogram.TotalCount == 0) return Empty;
        return new LatencySummary(
            histogram.TotalCount,
            Math.Round(histogram.GetMean() / 1000.0, 3),
            Ms(histogram.GetValueAtPercentile(50)),
            Ms(histogram.GetValueAtPercentile(90)),
            Ms(histogram.GetValueAtPercentile(99)),
            Ms(histogram.GetValueAtPercentile(99.9)),
            Ms(histogram.GetMaxValue()));
    }

    private static double Ms(long micros) => micros / 1000.0;
}
