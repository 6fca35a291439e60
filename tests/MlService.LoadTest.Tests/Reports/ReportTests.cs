using System.Text.Json;
using System.Text.RegularExpressions;

namespace MlService.LoadTest.Tests.Reports;

public class ReportTests
{
    private static readonly LoadOptions Options = new() { Mode = LoadMode.Open, Rate = 100, MaxErrorRate = 0.001 };

    [Fact]
    public void HtmlReportHoldsThreeInlineSvgChartsWithTheirData()
    {
        var html = HtmlReport.Render(ReportFixtures.Report(Options));

        Assert.Equal(3, Regex.Matches(html, "<svg ").Count);
        Assert.Equal(6, Regex.Matches(html, "<polyline ").Count); // ok + errors, p50 + p90 + p99 + max
        Assert.Contains("Requests per second", html);
        Assert.Contains("Latency percentiles per second", html);
        Assert.Contains("pod-a", html);
        Assert.Contains("pod-b", html);
        Assert.Contains("HTTP 500", html);
        Assert.Contains("SLO broken", html);
    }

    [Fact]
    public void HtmlReportLoadsNothingFromOutside()
    {
        var html = HtmlReport.Render(ReportFixtures.Report(Options with { Target = new Uri("http://127.0.0.1:8080") }));

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("src=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("href=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("url(", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@import", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("https://", html, StringComparison.OrdinalIgnoreCase);
        // The only address in the page is the target, as text.
        Assert.All(Regex.Matches(html, "http://[^\\s<\"]*").Select(m => m.Value), url => Assert.StartsWith("http://127.0.0.1:8080", url));
    }

    [Fact]
    public void JsonReportCarriesTotalsPercentilesTimelineReplicasAndErrors()
    {
        using var json = JsonDocument.Parse(JsonReport.Render(ReportFixtures.Report(Options)));
        var root = json.RootElement;

        Assert.Equal("open", root.GetProperty("config").GetProperty("mode").GetString());
        Assert.Equal(100, root.GetProperty("config").GetProperty("rate").GetDouble());
        var totals = root.GetProperty("totals");
        Assert.Equal(300, totals.GetProperty("requests").GetInt64());
        Assert.Equal(294, totals.GetProperty("successes").GetInt64());
        Assert.Equal(6, totals.GetProperty("errors").GetInt64());
        Assert.Equal(0.02, totals.GetProperty("error_rate").GetDouble());
        Assert.Equal(297, root.GetProperty("latency").GetProperty("count").GetInt64());
        Assert.Equal(3.0, root.GetProperty("latency").GetProperty("max_ms").GetDouble(), tolerance: 0.003);
        Assert.Equal(3, root.GetProperty("timeline").GetArrayLength());
        Assert.Equal(100, root.GetProperty("timeline")[0].GetProperty("requests").GetInt64());
        Assert.Equal(3, root.GetProperty("errors_by_status").GetProperty("500").GetInt64());
        Assert.Equal(3, root.GetProperty("errors_by_exception").GetProperty("timeout").GetInt64());
        var replicas = root.GetProperty("replicas");
        Assert.Equal("pod-a", replicas[0].GetProperty("name").GetString());
        Assert.Equal(198, replicas[0].GetProperty("requests").GetInt64());
        Assert.Equal(66.67, replicas[0].GetProperty("percent").GetDouble());
        Assert.False(root.GetProperty("slo").GetProperty("passed").GetBoolean());
        Assert.Equal(2, root.GetProperty("slo").GetProperty("exit_code").GetInt32());
    }
}
