using MlService.LoadTest.Running;

namespace MlService.LoadTest.Reports;

/// <summary>
/// The CI gate: exit code 2 when --max-p99 or --max-error-rate is broken (open and closed loop), or when no
/// step met the step SLO (step mode, where the last step is expected to break it); 0 otherwise.
/// </summary>
public static class SloCheck
{
    public const int Passed = 0;
    public const int Broken = 2;

    public static SloVerdict Evaluate(LoadOptions options, ReportTotals totals, LatencySummary latency, StepOutcome? steps)
    {
        var violations = new List<string>();
        var inv = CultureInfo.InvariantCulture;
        if (options.Mode == LoadMode.Step)
        {
            if (steps?.HighestSustainableRate is null)
                violations.Add(string.Create(inv, $"no step met the SLO (p99 <= {options.SloP99Ms} ms, errors <= {options.SloMaxErrorRate:P2})"));
        }
        else
        {
            if (options.MaxP99Ms is { } maxP99 && latency.P99Ms > maxP99)
                violations.Add(string.Create(inv, $"p99 {latency.P99Ms:F3} ms > --max-p99 {maxP99} ms"));
            if (options.MaxErrorRate is { } maxErrors && totals.ErrorRate > maxErrors)
                violations.Add(string.Create(inv, $"error rate {totals.ErrorRate:P3} > --max-error-rate {maxErrors:P3}"));
        }
        return new SloVerdict(violations.Count == 0, violations, violations.Count == 0 ? Passed : Broken);
    }
}
