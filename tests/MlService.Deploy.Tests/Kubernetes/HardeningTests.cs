namespace MlService.Deploy.Tests.Kubernetes;

/// <summary>What the base Deployment promises: non-root, read-only, drained shutdown, scraping, spreading.</summary>
public sealed class HardeningTests
{
    private static readonly V1Deployment Deployment =
        Kustomize.Objects("k8s/overlays/prod").OfType<V1Deployment>().Single(d => d.Metadata.Name == "mlservice");

    private static V1PodSpec Pod => Deployment.Spec.Template.Spec;
    private static V1Container Server => Pod.Containers.Single(Images.IsServer);

    [Fact]
    public void ServerRunsAsNonRootOnAReadOnlyRootWithNoCapabilities()
    {
        Assert.True(Pod.SecurityContext.RunAsNonRoot);
        Assert.NotEqual(0, Pod.SecurityContext.RunAsUser);
        Assert.True(Server.SecurityContext.ReadOnlyRootFilesystem);
        Assert.False(Server.SecurityContext.AllowPrivilegeEscalation);
        Assert.Equal(["ALL"], Server.SecurityContext.Capabilities.Drop);
    }

    [Fact]
    public void WritablePathsAreEmptyDirVolumes()
    {
        var emptyDirs = Pod.Volumes.Where(v => v.EmptyDir is not null).Select(v => v.Name).ToHashSet();
        var mounts = Server.VolumeMounts.ToDictionary(m => m.MountPath, m => m.Name);

        Assert.Contains(mounts["/tmp"], emptyDirs);
        // The image's MlService__Store__CacheDirectory (Dockerfile) is where models are downloaded to.
        Assert.Contains("MlService__Store__CacheDirectory=/var/cache/mlservice", File.ReadAllText(RepositoryPaths.Dockerfile));
        Assert.Contains(mounts["/var/cache/mlservice"], emptyDirs);
    }

    [Fact]
    public void GracePeriodCoversTheDrainDelayAndTheLongestRequest()
    {
        var objects = Kustomize.Objects("k8s/overlays/prod");
        var env = objects.OfType<V1ConfigMap>().Single(m => m.Metadata.Name.StartsWith("mlservice-env")).Data;
        var json = objects.OfType<V1ConfigMap>().Single(m => m.Metadata.Name.StartsWith("mlservice-config-")).Data["mlservice.json"];
        using var config = System.Text.Json.JsonDocument.Parse(json);
        var timeout = config.RootElement.GetProperty("MlService").GetProperty("Limits")
            .GetProperty("RequestTimeoutSeconds").GetInt32();

        var drain = int.Parse(env["MlService__Shutdown__DrainDelaySeconds"]);
        Assert.True(drain >= 5, "load balancers need a few seconds to drop the pod");
        Assert.True(Pod.TerminationGracePeriodSeconds >= drain + timeout + 5);
        // The drain is done by the service itself (no shell for a preStop sleep in the chiseled image).
        Assert.Null(Server.Lifecycle);
    }

    [Fact]
    public void RollingUpdateNeverLowersCapacity()
    {
        Assert.Equal("RollingUpdate", Deployment.Spec.Strategy.Type);
        Assert.Equal("0", Deployment.Spec.Strategy.RollingUpdate.MaxUnavailable.Value);
        Assert.Equal("1", Deployment.Spec.Strategy.RollingUpdate.MaxSurge.Value);
    }

    [Fact]
    public void PrometheusAnnotationsPointAtTheMetricsRoute()
    {
        var annotations = Deployment.Spec.Template.Metadata.Annotations;

        Assert.Equal("true", annotations["prometheus.io/scrape"]);
        Assert.Equal(KnownRoutes.ContainerPort.ToString(), annotations["prometheus.io/port"]);
        Assert.Contains(annotations["prometheus.io/path"], KnownRoutes.GetPaths);
    }

    [Fact]
    public void ReplicasSpreadOverNodesAndCarryTheStandardLabels()
    {
        var spread = Assert.Single(Pod.TopologySpreadConstraints);
        Assert.Equal("kubernetes.io/hostname", spread.TopologyKey);
        Assert.True(SelectorTests.Matches(spread.LabelSelector.MatchLabels, Deployment.Spec.Template.Metadata.Labels));

        foreach (var label in new[] { "name", "component", "part-of", "managed-by" })
        {
            Assert.True(Deployment.Metadata.Labels.ContainsKey($"app.kubernetes.io/{label}"), label);
        }
        Assert.True(Deployment.Spec.Template.Metadata.Labels.ContainsKey("app.kubernetes.io/version"));
    }

    [Fact]
    public void ProdRunsAtLeastThreeReplicasWithAutoscalerAndBudget()
    {
        var objects = Kustomize.Objects("k8s/overlays/prod");
        var hpa = Assert.Single(objects.OfType<V2HorizontalPodAutoscaler>());

        // The HPA alone sets the count (ReapplyTests: no replicas under an HPA); it never goes below its minimum.
        Assert.Null(Deployment.Spec.Replicas);
        Assert.Equal("mlservice", hpa.Spec.ScaleTargetRef.Name);
        Assert.True(hpa.Spec.MinReplicas >= 3);
        Assert.Single(objects.OfType<V1PodDisruptionBudget>());
        Assert.All(objects.OfType<V1CronJob>(), c => Assert.Equal("Forbid", c.Spec.ConcurrencyPolicy));
    }

    [Fact]
    public void DevRunsOneReplicaWithInClusterStorageAndNoBudget()
    {
        var objects = Kustomize.Objects("k8s/overlays/dev");

        Assert.Equal(1, objects.OfType<V1Deployment>().Single().Spec.Replicas);
        Assert.Empty(objects.OfType<V1PodDisruptionBudget>());
        Assert.Empty(objects.OfType<V2HorizontalPodAutoscaler>());
        Assert.Contains(objects.OfType<V1StatefulSet>(), s => s.Metadata.Name == "minio");
        Assert.All(objects.OfType<V1Namespace>(), n => Assert.Equal("ml", n.Metadata.Name));
        Assert.All(objects.Cast<IMetadata<V1ObjectMeta>>().Where(o => o is not V1Namespace),
            o => Assert.Equal("ml", o.Metadata.NamespaceProperty));
    }
}
