using static MlService.Deploy.Tests.Monitoring.MonitoringFiles;

namespace MlService.Deploy.Tests.Monitoring;

/// <summary>Every metric the rules and the dashboard read is one the service exports (or a rule records).</summary>
public sealed class ExportedMetricNamesTests
{
    [Theory]
    [InlineData("histogram_quantile(0.99, sum by (job, le) (rate(http_request_duration_seconds_bucket{endpoint!~\"/health/.*\"}[5m])))", "http_request_duration_seconds_bucket")]
    [InlineData("(sum(rate(a_total{code=~\"5..|429\"}[$__rate_interval])) or vector(0)) / sum(rate(b_total[1m]))", "a_total b_total")]
    [InlineData("process_working_set_bytes / on (job, instance) mlservice_container_memory_limit_bytes > 0.85", "mlservice_container_memory_limit_bytes process_working_set_bytes")]
    [InlineData("job:mlservice_http_errors:ratio_rate5m > 1e-3", "job:mlservice_http_errors:ratio_rate5m")]
    public void MetricNamesAreFoundInAnExpression(string expr, string expected)
    {
        Assert.Equal(expected.Split(' ').Order(), PromQl.MetricNames(expr).Order());
    }

    [Fact]
    public void TheServiceKeepsTheProcessMetricsTheRulesAndDashboardRead()
    {
        Assert.Contains("SuppressProcessMetrics = false", ExportedMetrics.MetricsSetupSource);
        Assert.Contains("mlservice_predictions_total", ExportedMetrics.Names);
    }

    [Fact]
    public void EveryMetricTheRulesReadIsExportedOrRecorded()
    {
        var recorded = RecordedNames.ToHashSet();
        foreach (var rule in Rules)
        {
            foreach (var name in PromQl.MetricNames((string)rule["expr"]))
            {
                Assert.True(recorded.Contains(name) || ExportedMetrics.Has(name),
                    $"rule {rule.GetValueOrDefault("record") ?? rule["alert"]} reads {name}, which the service does not export");
            }
        }
    }

    [Fact]
    public void EveryMetricTheDashboardReadsIsExported()
    {
        var expressions = PanelExpressions(Dashboard).ToList();

        Assert.NotEmpty(expressions);
        foreach (var (panel, expr) in expressions)
        {
            var names = PromQl.MetricNames(expr);
            Assert.NotEmpty(names);
            Assert.All(names, name => Assert.True(ExportedMetrics.Has(name), $"panel '{panel}' reads {name}, which the service does not export"));
        }
    }
}
