using static MlService.Deploy.Tests.Monitoring.MonitoringFiles;

namespace MlService.Deploy.Tests.Monitoring;

/// <summary>The Grafana dashboard: what it shows, and how compose provisions it.</summary>
public sealed class DashboardTests
{
    [Fact]
    public void EveryPanelQueriesThroughTheDatasourceVariableWithUniqueRefIds()
    {
        var dashboard = Dashboard;

        Assert.Equal("mlservice", (string?)dashboard["uid"]);
        Assert.Contains(dashboard["templating"]!["list"]!.AsArray(), v => (string?)v!["name"] == "datasource" && (string?)v["query"] == "prometheus");
        foreach (var panel in Panels(dashboard).Where(p => p["targets"] is not null))
        {
            var title = (string)panel["title"]!;
            Assert.Equal("${datasource}", (string?)panel["datasource"]!["uid"]);
            var targets = panel["targets"]!.AsArray();
            Assert.NotEmpty(targets);
            Assert.Equal(targets.Count, targets.Select(t => (string)t!["refId"]!).Distinct().Count());
            Assert.All(targets, t => Assert.Equal("${datasource}", (string?)t!["datasource"]!["uid"]));
            Assert.False(string.IsNullOrWhiteSpace((string?)panel["description"]), $"panel '{title}' says nothing about what it shows");
        }
    }

    [Theory]
    [InlineData("requests/s", "rate(http_request_duration_seconds_count")]
    [InlineData("p50", "histogram_quantile(0.5, sum by (le) (rate(http_request_duration_seconds_bucket")]
    [InlineData("p99", "histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket")]
    [InlineData("errors by status", "sum by (code)")]
    [InlineData("queue", "mlservice_requests_queued")]
    [InlineData("in flight", "rate(http_request_duration_seconds_sum")]
    [InlineData("model version", "mlservice_model_info")]
    [InlineData("throttling", "mlservice_container_cpu_cfs_throttled_periods_total")]
    [InlineData("memory limit", "mlservice_container_memory_limit_bytes")]
    [InlineData("memory used", "process_working_set_bytes")]
    public void TheDashboardShowsWhatALoadTesterReads(string what, string fragment)
    {
        Assert.True(PanelExpressions(Dashboard).Any(e => e.Expr.Contains(fragment, StringComparison.Ordinal)), $"no panel shows {what} ({fragment})");
    }

    [Fact]
    public void ComposeProvisionsGrafanaWithThePrometheusDatasourceAndTheDashboard()
    {
        var grafana = ComposeFile.Service("grafana");
        var volumes = ComposeFile.List(grafana, "volumes").Cast<string>().ToList();
        var datasource = Map(((List<object>)Map(Yaml(RepositoryPaths.Combine("compose", "grafana", "provisioning", "datasources", "prometheus.yml")))["datasources"]).Single());
        var provider = Map(((List<object>)Map(Yaml(RepositoryPaths.Combine("compose", "grafana", "provisioning", "dashboards", "mlservice.yml")))["providers"]).Single());
        var dashboardsMount = volumes.Single(v => v.Contains("/compose/grafana/dashboards:", StringComparison.Ordinal)).Split(':')[1];

        Assert.Matches(@"^grafana/grafana-oss:\d+\.\d+\.\d+$", ComposeFile.Text(grafana, "image"));
        Assert.Contains(volumes, v => v.EndsWith("/compose/grafana/provisioning:/etc/grafana/provisioning:ro", StringComparison.Ordinal));
        Assert.Equal(dashboardsMount, (string)Map(provider["options"])["path"]);
        Assert.Equal("prometheus", (string)datasource["type"]);
        Assert.Equal("http://prometheus:9090", (string)datasource["url"]);
        Assert.Contains("127.0.0.1:9090:9090/tcp", ComposeFile.List(ComposeFile.Service("prometheus"), "ports").Cast<string>());
        Assert.Equal("service_healthy", ComposeFile.Text(Map(ComposeFile.MapOrNull(grafana, "depends_on")!["prometheus"]), "condition"));
    }
}
