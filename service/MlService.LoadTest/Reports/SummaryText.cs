namespace MlService.LoadTest.Reports;

/// <summary>The end-of-run summary printed to stdout.</summary>
public static class SummaryText
{
    public static void Write(LoadReport r, TextWriter output)
    {
        var inv = CultureInfo.InvariantCulture;
        var t = r.Totals;
        var l = r.Latency;
        void Line(FormattableString text) => output.WriteLine(text.ToString(inv));

        output.WriteLine();
        Line($"mlservice-loadtest: {RunDescription.Of(r.Config, r.ModelVersion)}");
        Line($"  duration      {r.ElapsedSeconds:F2} s");
        Line($"  requests      {t.Requests} ({t.Successes} ok, {t.Errors} errors = {t.ErrorRate:P2}, {t.Abandoned} abandoned at stop)");
        Line($"  throughput    {t.RequestsPerSecond:F1} req/s, {t.RowsPerSecond:F1} rows/s");
        Line($"  latency (ms)  p50 {l.P50Ms:F3}  p90 {l.P90Ms:F3}  p99 {l.P99Ms:F3}  p99.9 {l.P999Ms:F3}  max {l.MaxMs:F3}  mean {l.MeanMs:F3}");
        if (r.Client is { } c)
        {
            Line($"  client CPU    {c.CpuSeconds:F2} s = {c.CpuCores:F2} cores busy on average (the load tool itself; near the machine's cores, the client was the limit)");
            if (c.SchedulerLateness is { Count: > 0 } late)
                Line($"  send lateness (ms, the tool's own; part of latency, which counts from the due time)  p50 {late.P50Ms:F3}  p99 {late.P99Ms:F3}  max {late.MaxMs:F3}");
        }
        if (r.ErrorsByStatus.Count > 0)
            Line($"  errors by status     {string.Join(", ", r.ErrorsByStatus.Select(p => $"{p.Key}: {p.Value}"))}");
        if (r.ErrorsByException.Count > 0)
            Line($"  errors by exception  {string.Join(", ", r.ErrorsByException.Select(p => $"{p.Key}: {p.Value}"))}");
        if (r.Replicas.Count > 0)
        {
            output.WriteLine("  served by (X-Served-By):");
            var width = r.Replicas.Max(s => s.Name.Length);
            foreach (var share in r.Replicas)
                Line($"    {share.Name.PadRight(width)}  {share.Requests,9}  {share.Percent,6:F2} %  {new string('#', (int)Math.Round(share.Percent / 2.5))}");
        }
        if (r.Steps is { } steps)
        {
            output.WriteLine("  steps:");
            foreach (var s in steps.Steps)
                Line($"    {s.Step,3}  {s.Rate,9:F1} req/s offered  {s.AchievedRate,9:F1} achieved  p99 {s.P99Ms,9:F3} ms  errors {s.ErrorRate,8:P3}  {(s.Passed ? "ok" : s.Completed ? "SLO broken" : "cut short")}");
            output.WriteLine(steps.HighestSustainableRate is { } rate
                ? string.Create(inv, $"  highest sustainable rate: {rate:F1} req/s (p99 <= {steps.SloP99Ms} ms, errors <= {steps.SloMaxErrorRate:P2})")
                : "  highest sustainable rate: none (the first step already broke the SLO)");
        }
        output.WriteLine(r.Slo.Passed ? "  SLO: passed" : $"  SLO: BROKEN ({string.Join("; ", r.Slo.Violations)})");
    }
}
