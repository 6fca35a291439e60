namespace MlService.Deploy.Tests.Kubernetes;

/// <summary>
/// `kubectl apply -k` run again after a change must converge, not fight a controller or hit an immutable field.
/// </summary>
public sealed class ReapplyTests
{
    [Theory]
    [MemberData(nameof(Kustomize.AllTargets), MemberType = typeof(Kustomize))]
    public void NoDeploymentTargetedByAnHpaSetsReplicas(string target)
    {
        var objects = Kustomize.Objects(target);
        var scaled = objects.OfType<V2HorizontalPodAutoscaler>()
            .Where(h => h.Spec.ScaleTargetRef.Kind == "Deployment")
            .Select(h => h.Spec.ScaleTargetRef.Name)
            .ToHashSet();

        // Every apply would reset the count and kill the pods the HPA added.
        Assert.All(objects.OfType<V1Deployment>().Where(d => scaled.Contains(d.Metadata.Name)),
            d => Assert.Null(d.Spec.Replicas));
    }

    [Theory]
    [MemberData(nameof(Kustomize.OverlayTargets), MemberType = typeof(Kustomize))]
    public void OverlaysHoldNoJobWhoseImmutablePodTemplateAnApplyWouldPatch(string target)
    {
        var objects = Kustomize.Objects(target);

        // A Job running the service image (trainer, load test) would be patched by every release's new image tag, and a
        // Job's pod template is immutable: such runs are made from a CronJob template (kubectl create job --from=...).
        Assert.DoesNotContain(Workload.In(objects), w => w.Kind == "Job" && w.AllContainers.Any(c => Images.IsService(c.Image)));
    }

    [Fact]
    public void TrainerIsASuspendedCronJobWhoseRunsCarryItsLabels()
    {
        var trainer = Kustomize.Objects("k8s/overlays/dev").OfType<V1CronJob>().Single(c => c.Metadata.Name == "mlservice-trainer");

        Assert.True(trainer.Spec.Suspend);
        // kubectl create job --from copies the jobTemplate's labels: `kubectl wait job -l ...` finds every run.
        Assert.Equal("mlservice-trainer", trainer.Spec.JobTemplate.Metadata.Labels["app.kubernetes.io/name"]);
        Assert.Equal("mlservice-trainer", trainer.Spec.JobTemplate.Spec.Template.Metadata.Labels["app.kubernetes.io/name"]);
    }

    [Theory]
    [MemberData(nameof(Kustomize.OverlayTargets), MemberType = typeof(Kustomize))]
    public void EveryConfigMapTheServerReadsHasAContentHashSoAChangeRollsThePods(string target)
    {
        var objects = Kustomize.Objects(target);
        var server = objects.OfType<V1Deployment>().Single(d => d.Metadata.Name == "mlservice");
        var spec = server.Spec.Template.Spec;
        var referenced = spec.Volumes.Where(v => v.ConfigMap is not null).Select(v => v.ConfigMap.Name)
            .Concat(spec.Containers.SelectMany(c => c.EnvFrom ?? []).Where(e => e.ConfigMapRef is not null)
                .Select(e => e.ConfigMapRef.Name))
            .ToList();

        Assert.Equal(2, referenced.Count);
        Assert.All(referenced, name =>
        {
            Assert.Matches(@"^mlservice-(env|config)-[a-z0-9]{10}$", name);
            Assert.Contains(objects.OfType<V1ConfigMap>(), m => m.Metadata.Name == name);
        });
    }

    [Theory]
    [MemberData(nameof(Kustomize.AllTargets), MemberType = typeof(Kustomize))]
    public void EveryStatefulSetIsGovernedByAHeadlessService(string target)
    {
        var objects = Kustomize.Objects(target);

        Assert.All(objects.OfType<V1StatefulSet>(), s =>
        {
            var governing = Assert.Single(objects.OfType<V1Service>(), svc => svc.Metadata.Name == s.Spec.ServiceName);
            Assert.Equal("None", governing.Spec.ClusterIP);
        });
    }
}
