using static MlService.Deploy.Tests.Monitoring.MonitoringFiles;

namespace MlService.Deploy.Tests.Monitoring;

/// <summary>The Prometheus rules: valid, unit-tested with promtool, loaded by compose's Prometheus.</summary>
public sealed class RulesTests
{
    private static readonly string[] Alerts =
        ["MlServiceP99OverSlo", "MlServiceErrorRateHigh", "MlServiceModelNotReady", "MlServiceCpuThrottled", "MlServiceMemoryNearLimit"];

    [Fact]
    public void PromtoolAcceptsTheRules()
    {
        var result = ExternalTool.Run("promtool", ["check", "rules", RulesPath]);

        Assert.True(result.ExitCode == 0, result.StandardOutput + result.StandardError);
    }

    [Fact]
    public void PromtoolUnitTestsOfTheRulesPass()
    {
        var result = ExternalTool.Run("promtool", ["test", "rules", RulesTestPath], timeout: TimeSpan.FromMinutes(2));

        Assert.True(result.ExitCode == 0, result.StandardOutput + result.StandardError);
        Assert.Contains("SUCCESS", result.StandardOutput + result.StandardError);
    }

    [Fact]
    public void EveryAlertALoadTesterNeedsExistsAndItsUnitTestMakesItFire()
    {
        var alerts = Rules.Where(r => r.ContainsKey("alert")).ToDictionary(r => (string)r["alert"]);
        var unitTests = (List<object>)Map(Yaml(RulesTestPath))["tests"];
        var fired = unitTests.SelectMany(t => Map(t).TryGetValue("alert_rule_test", out var a) ? (List<object>)a : [])
            .Select(Map).Where(a => a.TryGetValue("exp_alerts", out var e) && e is List<object> { Count: > 0 })
            .Select(a => (string)a["alertname"]).ToHashSet();

        Assert.Equal(Alerts.Order(), alerts.Keys.Order());
        foreach (var (name, alert) in alerts)
        {
            Assert.True(fired.Contains(name), $"no promtool test makes {name} fire");
            Assert.Contains((string)Map(alert["labels"])["severity"], new[] { "warning", "critical" });
            Assert.True(Map(alert["annotations"]).ContainsKey("summary"), $"{name} has no summary");
            Assert.True(alert.ContainsKey("for"), $"{name} fires on one evaluation (no `for`)");
        }
    }

    [Fact]
    public void EveryRecordingRuleNameFollowsLevelMetricOperations()
    {
        // Prometheus' naming convention: level:metric:operations, e.g. job:mlservice_http_requests:rate1m.
        Assert.All(RecordedNames, name => Assert.Matches(@"^(job|instance):mlservice_[a-z0-9_]+:[a-z0-9_]+$", name));
    }

    [Fact]
    public void ComposePrometheusLoadsTheRulesFolder()
    {
        var config = File.ReadAllText(RepositoryPaths.Combine("compose", "prometheus", "prometheus.yml"));
        var volumes = ComposeFile.List(ComposeFile.Service("prometheus"), "volumes").Cast<string>();

        Assert.Contains("  - rules/*.yml", config);
        Assert.Contains(volumes, v => v.EndsWith("/compose/prometheus/rules:/etc/prometheus/rules:ro", StringComparison.Ordinal));
    }
}
