using System.Text.Json.Nodes;

namespace MlService.Deploy.Tests.Monitoring;

/// <summary>The shipped rules and dashboard, parsed: compose's copies are the source, k8s/components/monitoring holds copies.</summary>
public static class MonitoringFiles
{
    public static string RulesPath => RepositoryPaths.Combine("compose", "prometheus", "rules", "mlservice.rules.yml");
    public static string RulesTestPath => RepositoryPaths.Combine("tests", "monitoring", "mlservice.rules.test.yml");
    public static string DashboardPath => RepositoryPaths.Combine("compose", "grafana", "dashboards", "mlservice.json");
    public static string Component => RepositoryPaths.Combine("k8s", "components", "monitoring");

    public static object Yaml(string path) => new DeserializerBuilder().Build().Deserialize<object>(File.ReadAllText(path))!;

    public static Dictionary<object, object> Map(object node) => (Dictionary<object, object>)node;

    public static List<object> Groups => (List<object>)Map(Yaml(RulesPath))["groups"];

    /// <summary>Every rule of every group as its YAML map.</summary>
    public static IEnumerable<Dictionary<object, object>> Rules =>
        Groups.SelectMany(g => (List<object>)Map(g)["rules"]).Select(Map);

    public static IEnumerable<string> RecordedNames => Rules.Where(r => r.ContainsKey("record")).Select(r => (string)r["record"]);

    public static JsonNode Dashboard => JsonNode.Parse(File.ReadAllText(DashboardPath))!;

    /// <summary>Every panel, rows' nested panels included.</summary>
    public static IEnumerable<JsonNode> Panels(JsonNode dashboard) =>
        dashboard["panels"]!.AsArray().SelectMany(p => (p!["panels"]?.AsArray() ?? []).Prepend(p)).Select(p => p!);

    public static IEnumerable<(string Panel, string Expr)> PanelExpressions(JsonNode dashboard) =>
        Panels(dashboard).SelectMany(p => (p["targets"]?.AsArray() ?? []).Select(t => ((string)p["title"]!, (string)t!["expr"]!)));

    /// <summary>Structural equality of parsed YAML (maps compared by key, whatever the order).</summary>
    public static bool SameYaml(object? a, object? b) => (a, b) switch
    {
        (Dictionary<object, object> x, Dictionary<object, object> y) =>
            x.Count == y.Count && x.All(kv => y.TryGetValue(kv.Key, out var v) && SameYaml(kv.Value, v)),
        (List<object> x, List<object> y) => x.Count == y.Count && x.Zip(y).All(p => SameYaml(p.First, p.Second)),
        _ => Equals(a, b),
    };
}
