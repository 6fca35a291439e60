namespace MlService.Deploy.Tests.Capacity;

/// <summary>The manifests follow the sizing guide: their numbers are the guide's table and they cite its row.</summary>
public sealed class CapacityGuideTests
{
    [Theory]
    [InlineData("base", "k8s/base")]
    [InlineData("dev", "k8s/overlays/dev")]
    [InlineData("prod", "k8s/overlays/prod")]
    public void KubernetesResourcesAndAutoscalingAreTheGuidesRow(string profile, string target)
    {
        var row = CapacityProfile.All[profile];
        var objects = Kustomize.Objects(target);
        var deployment = Assert.Single(objects.OfType<V1Deployment>(), d => d.Metadata.Name == "mlservice");
        var resources = deployment.Spec.Template.Spec.Containers.Single(c => c.Name == "mlservice").Resources;
        var hpa = objects.OfType<V2HorizontalPodAutoscaler>().SingleOrDefault(h => h.Spec.ScaleTargetRef.Name == "mlservice");

        Assert.Equal(Quantity(row.CpuRequest), Quantity(resources.Requests, "cpu"));
        Assert.Equal(Quantity(row.CpuLimit), Quantity(resources.Limits, "cpu"));
        Assert.Equal(Quantity(row.MemoryRequest), Quantity(resources.Requests, "memory"));
        Assert.Equal(Quantity(row.MemoryLimit), Quantity(resources.Limits, "memory"));
        Assert.Equal(row.Replicas, deployment.Spec.Replicas);
        Assert.Equal(row.MinReplicas, hpa?.Spec.MinReplicas);
        Assert.Equal(row.MaxReplicas, hpa?.Spec.MaxReplicas);
        Assert.Equal(row.HpaTargetPercent, hpa?.Spec.Metrics.Single(m => m.Resource?.Name == "cpu").Resource.Target.AverageUtilization);
    }

    [Fact]
    public void ComposeLimitsAndReplicasAreTheGuidesRow()
    {
        var row = CapacityProfile.All["compose"];
        var deploy = ComposeFile.MapOrNull(ComposeFile.Service("mlservice"), "deploy")!;
        var limits = ComposeFile.MapOrNull(ComposeFile.MapOrNull(deploy, "resources")!, "limits")!;

        // docker-compose prints cpus as a float ("1.0").
        Assert.Equal(decimal.Parse(row.CpuLimit!, System.Globalization.CultureInfo.InvariantCulture),
            decimal.Parse(ComposeFile.Text(limits, "cpus")!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(row.MemoryLimit, ComposeFile.Text(limits, "memory"));
        Assert.Equal(row.Replicas?.ToString(System.Globalization.CultureInfo.InvariantCulture), ComposeFile.Text(deploy, "replicas"));
        Assert.Null(ComposeFile.MapOrNull(ComposeFile.MapOrNull(deploy, "resources")!, "reservations"));
    }

    [Fact]
    public void EveryManifestTheGuideNamesCitesItsRow()
    {
        foreach (var row in CapacityProfile.All.Values)
        {
            // "k8s/overlays/prod/a.yaml, k8s/overlays/prod/b.yaml" or "k8s/overlays/dev (base resources, no HPA)".
            var paths = System.Text.RegularExpressions.Regex.Replace(row.Manifests, @"\([^)]*\)", "");
            foreach (var manifest in paths.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var file = Directory.Exists(RepositoryPaths.Combine(manifest)) ? Path.Combine(manifest, "kustomization.yaml") : manifest;
                var text = File.ReadAllText(RepositoryPaths.Combine(file));
                Assert.True(text.Contains($"docs/capacity.md, row \"{row.Name}\"", StringComparison.Ordinal),
                    $"{file} does not cite docs/capacity.md, row \"{row.Name}\"");
            }
        }
    }

    [Fact]
    public void TheGuideCoversEveryOverlayAndKeepsTheMeasuredSectionForTheBenchmark()
    {
        var guide = File.ReadAllText(CapacityProfile.GuidePath);

        Assert.Equal(["base", "compose", "dev", "prod"], CapacityProfile.All.Keys.Order(StringComparer.Ordinal));
        Assert.All(Kustomize.Overlays, o => Assert.Contains(CapacityProfile.All.Values, p => p.Manifests.Contains(o, StringComparison.Ordinal)));
        Assert.Contains("\n## Measured per-pod capacity\n", guide);
        Assert.Contains("## Worked case: 100,000 req/s at p99 ≤ 50 ms", guide);
    }

    [Fact]
    public void TheTableParserReadsDashesAsUnset()
    {
        var profiles = CapacityProfile.Parse("""
            <!-- capacity-profiles:begin -->
            | profile | manifests | cpu request | cpu limit | memory request | memory limit | HPA target % | min replicas | max replicas | replicas |
            |---|---|---|---|---|---|---|---|---|---|
            | x | k8s/x | 250m | 1 | — | 512Mi | 80 | 2 | 6 | — |
            <!-- capacity-profiles:end -->
            """);

        var x = profiles["x"];
        Assert.Equal(("250m", "1", (string?)null, "512Mi", 80, 2, 6, (int?)null),
            (x.CpuRequest, x.CpuLimit, x.MemoryRequest, x.MemoryLimit, x.HpaTargetPercent, x.MinReplicas, x.MaxReplicas, x.Replicas));
    }

    private static decimal? Quantity(string? text) => text is null ? null : new ResourceQuantity(text).ToDecimal();

    private static decimal? Quantity(IDictionary<string, ResourceQuantity>? values, string resource) => PodResources.Declared(values, resource);
}
