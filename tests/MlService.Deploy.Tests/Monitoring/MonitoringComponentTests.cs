using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using static MlService.Deploy.Tests.Monitoring.MonitoringFiles;

namespace MlService.Deploy.Tests.Monitoring;

/// <summary>
/// k8s/components/monitoring added to the prod overlay, as its README comment tells a user to: the dashboard
/// ConfigMap for Grafana's sidecar, the PrometheusRule and the PodMonitor, each equal to or aimed at what compose
/// and the Deployment have. Parsed as plain YAML (the operator's kinds are not in the Kubernetes client's models).
/// </summary>
public sealed class MonitoringComponentTests
{
    private static readonly Lazy<List<Dictionary<object, object>>> Rendered = new(Render);

    private static Dictionary<object, object> Object(string kind, string name) =>
        Assert.Single(Rendered.Value, o => (string)o["kind"] == kind && (string)Map(o["metadata"])["name"] == name);

    [Fact]
    public void TheDashboardConfigMapIsLabelledForTheSidecarAndHoldsTheComposeDashboard()
    {
        var configMap = Object("ConfigMap", "mlservice-grafana-dashboard");
        var metadata = Map(configMap["metadata"]);

        Assert.Equal("1", (string)Map(metadata["labels"])["grafana_dashboard"]);
        Assert.Equal("ml", (string)metadata["namespace"]);
        Assert.Equal(File.ReadAllText(DashboardPath), (string)Map(configMap["data"])["mlservice.json"]);
    }

    [Fact]
    public void ThePrometheusRuleHoldsExactlyTheComposeRules()
    {
        var rule = Object("PrometheusRule", "mlservice");
        var copy = Map(Map(Yaml(Path.Combine(Component, "prometheusrule.yaml")))["spec"])["groups"];

        Assert.Equal("monitoring.coreos.com/v1", (string)rule["apiVersion"]);
        Assert.True(SameYaml(Groups, copy), "k8s/components/monitoring/prometheusrule.yaml differs from compose/prometheus/rules/mlservice.rules.yml");
        Assert.True(SameYaml(Groups, Map(rule["spec"])["groups"]), "the rendered PrometheusRule differs from the compose rules");
    }

    [Fact]
    public void ThePodMonitorScrapesTheServersMetricsPort()
    {
        var monitor = Map(Object("PodMonitor", "mlservice")["spec"]);
        var deployment = Map(Map(Object("Deployment", "mlservice")["spec"])["template"]);
        var podLabels = Map(Map(deployment["metadata"])["labels"]);
        var ports = ((List<object>)Map(((List<object>)Map(deployment["spec"])["containers"]).Select(Map).Single(c => (string)c["name"] == "mlservice"))["ports"]).Select(Map);
        var endpoint = Map(Assert.Single((List<object>)monitor["podMetricsEndpoints"]));

        Assert.All(Map(Map(monitor["selector"])["matchLabels"]), kv => Assert.Equal(kv.Value, podLabels.GetValueOrDefault(kv.Key)));
        Assert.Contains(ports, p => (string)p["name"] == (string)endpoint["port"] && (string)p["containerPort"] == KnownRoutes.ContainerPort.ToString());
        Assert.Equal("/metrics", (string)endpoint["path"]);
        Assert.Contains("/metrics", KnownRoutes.GetPaths);
    }

    /// <summary>A throwaway overlay next to nothing: prod plus the component, in namespace ml (kustomize wants relative paths).</summary>
    private static List<Dictionary<object, object>> Render()
    {
        var dir = Directory.CreateTempSubdirectory("mlservice-monitoring-").FullName;
        try
        {
            string Relative(params string[] parts) => Path.GetRelativePath(dir, RepositoryPaths.Combine(parts)).Replace('\\', '/');
            File.WriteAllText(Path.Combine(dir, "kustomization.yaml"), $"""
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                namespace: ml
                resources:
                  - {Relative("k8s", "overlays", "prod")}
                components:
                  - {Relative("k8s", "components", "monitoring")}
                """);
            var yaml = Kustomize.RenderNow(dir);
            var parser = new Parser(new StringReader(yaml));
            var deserializer = new DeserializerBuilder().Build();
            parser.Consume<StreamStart>();
            var objects = new List<Dictionary<object, object>>();
            while (parser.Accept<DocumentStart>(out _))
            {
                objects.Add(deserializer.Deserialize<Dictionary<object, object>>(parser));
            }
            return objects;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
