using System.Text;

namespace MlService.LoadTest.Reports;

/// <summary>
/// A self-contained HTML report: inline CSS and inline SVG charts only (no scripts, no fonts, no external
/// URLs), so it opens from a CI artifact or an e-mail attachment exactly as it was written.
/// </summary>
public static class HtmlReport
{
    private const string Style = """
        body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:24px;color:#1f2933;max-width:820px}
        h1{font-size:22px;margin-bottom:4px} h2{font-size:17px;margin-top:28px;border-bottom:1px solid #d9e2ec;padding-bottom:4px}
        p.run{color:#52606d;margin-top:0} table{border-collapse:collapse;margin:8px 0} td,th{padding:3px 12px 3px 0;text-align:left;font-size:14px}
        td.num{text-align:right;font-variant-numeric:tabular-nums} .ok{color:#2f8132;font-weight:600} .bad{color:#c62828;font-weight:600}
        svg.chart{display:block;margin:12px 0;background:#fff} svg .title{font-size:14px;font-weight:600;fill:#1f2933}
        svg .tick,svg .legend,svg .axis{font-size:11px;fill:#52606d} svg .grid{stroke:#e4e7eb} svg .frame{fill:none;stroke:#9aa5b1}
        """;

    public static string Render(LoadReport r)
    {
        var inv = CultureInfo.InvariantCulture;
        var t = r.Totals;
        var l = r.Latency;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>MlService load test</title><style>")
            .Append(Style).Append("</style></head><body>\n");
        html.Append("<h1>MlService load test</h1>");
        html.Append(inv, $"<p class=\"run\">{E(RunDescription.Of(r.Config, r.ModelVersion))}<br>started {r.StartedAt:yyyy-MM-dd HH:mm:ss} UTC, {r.ElapsedSeconds:F1} s</p>\n");
        html.Append(r.Slo.Passed
            ? "<p class=\"ok\">SLO passed</p>"
            : $"<p class=\"bad\">SLO broken: {E(string.Join("; ", r.Slo.Violations))}</p>");

        html.Append("<h2>Summary</h2><table>");
        Row(html, "Requests", string.Create(inv, $"{t.Requests} ({t.Successes} ok, {t.Errors} errors = {t.ErrorRate:P2}, {t.Abandoned} abandoned at stop)"));
        Row(html, "Throughput", string.Create(inv, $"{t.RequestsPerSecond:F1} req/s, {t.RowsPerSecond:F1} rows/s"));
        Row(html, "Latency (ms)", string.Create(inv, $"p50 {l.P50Ms:F3} · p90 {l.P90Ms:F3} · p99 {l.P99Ms:F3} · p99.9 {l.P999Ms:F3} · max {l.MaxMs:F3} · mean {l.MeanMs:F3}"));
        html.Append("</table>\n");

        var x = r.Timeline.Select(p => p.Second).ToList();
        html.Append("<h2>Throughput</h2>");
        html.Append(SvgLineChart.Render("Requests per second", "req/s", x,
        [
            new ChartSeries("ok", "#2f8132", r.Timeline.Select(p => Math.Round((p.Requests - p.Errors) / Math.Max(p.IntervalSeconds, 1e-6), 2)).ToList()),
            new ChartSeries("errors", "#c62828", r.Timeline.Select(p => Math.Round(p.Errors / Math.Max(p.IntervalSeconds, 1e-6), 2)).ToList()),
        ]));
        html.Append("\n<h2>Latency</h2>");
        html.Append(SvgLineChart.Render("Latency percentiles per second", "ms", x,
        [
            new ChartSeries("p50", "#1f77b4", r.Timeline.Select(p => p.P50Ms).ToList()),
            new ChartSeries("p90", "#ff7f0e", r.Timeline.Select(p => p.P90Ms).ToList()),
            new ChartSeries("p99", "#d62728", r.Timeline.Select(p => p.P99Ms).ToList()),
            new ChartSeries("max", "#7f7f7f", r.Timeline.Select(p => p.MaxMs).ToList()),
        ]));

        html.Append("\n<h2>Requests per replica (X-Served-By)</h2>");
        html.Append(SvgBarChart.Render("Responses per replica",
            r.Replicas.Select(s => (s.Name, (double)s.Requests, string.Create(inv, $"{s.Requests} ({s.Percent:F1} %)"))).ToList(), "#3f72af"));

        if (r.Steps is { } steps)
        {
            html.Append("\n<h2>Steps</h2><table><tr><th>step</th><th>offered req/s</th><th>achieved req/s</th><th>p50 ms</th><th>p99 ms</th><th>errors</th><th></th></tr>");
            foreach (var s in steps.Steps)
                html.Append(inv, $"<tr><td class=\"num\">{s.Step}</td><td class=\"num\">{s.Rate:F1}</td><td class=\"num\">{s.AchievedRate:F1}</td><td class=\"num\">{s.P50Ms:F3}</td><td class=\"num\">{s.P99Ms:F3}</td><td class=\"num\">{s.ErrorRate:P3}</td><td class=\"{(s.Passed ? "ok" : "bad")}\">{(s.Passed ? "ok" : s.Completed ? "SLO broken" : "cut short")}</td></tr>");
            html.Append("</table>");
            html.Append(inv, $"<p>Highest sustainable rate: <b>{(steps.HighestSustainableRate is { } rate ? rate.ToString("F1", inv) + " req/s" : "none")}</b> (p99 ≤ {steps.SloP99Ms} ms, errors ≤ {steps.SloMaxErrorRate:P2})</p>");
        }

        html.Append("\n<h2>Errors</h2>");
        if (r.ErrorsByStatus.Count == 0 && r.ErrorsByException.Count == 0) html.Append("<p>none</p>");
        else
        {
            html.Append("<table><tr><th>kind</th><th>count</th></tr>");
            foreach (var (status, count) in r.ErrorsByStatus) html.Append(inv, $"<tr><td>HTTP {E(status)}</td><td class=\"num\">{count}</td></tr>");
            foreach (var (kind, count) in r.ErrorsByException) html.Append(inv, $"<tr><td>{E(kind)}</td><td class=\"num\">{count}</td></tr>");
            html.Append("</table>");
        }
        html.Append("\n</body></html>\n");
        return html.ToString();
    }

    public static void Write(LoadReport report, string path) => File.WriteAllText(path, Render(report));

    private static void Row(StringBuilder html, string name, string value) =>
        html.Append("<tr><th>").Append(E(name)).Append("</th><td>").Append(E(value)).Append("</td></tr>");

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
