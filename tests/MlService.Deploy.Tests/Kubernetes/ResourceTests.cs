namespace MlService.Deploy.Tests.Kubernetes;

public sealed class ResourceTests
{
    private static readonly string[] Resources = ["cpu", "memory"];

    [Theory]
    [MemberData(nameof(Kustomize.AllTargets), MemberType = typeof(Kustomize))]
    public void RequestsNeverExceedLimits(string target)
    {
        foreach (var w in Workload.In(Kustomize.Objects(target)))
        {
            foreach (var c in w.AllContainers)
            {
                foreach (var r in Resources)
                {
                    var request = PodResources.Declared(c.Resources?.Requests, r);
                    var limit = PodResources.Declared(c.Resources?.Limits, r);
                    Assert.False(request > limit, $"{target} {w.Id}/{c.Name}: {r} request {request} > limit {limit}");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Kustomize.OverlayTargets), MemberType = typeof(Kustomize))]
    public void EveryContainerInAnOverlayDeclaresRequestsAndLimitsWithinTheLimitRange(string target)
    {
        var objects = Kustomize.Objects(target);
        var range = Assert.Single(Assert.Single(objects.OfType<V1LimitRange>()).Spec.Limits, l => l.Type == "Container");
        foreach (var w in Workload.In(objects))
        {
            foreach (var c in w.AllContainers)
            {
                foreach (var r in Resources)
                {
                    Assert.True(PodResources.Declared(c.Resources?.Requests, r) is not null, $"{target} {w.Id}/{c.Name}: no {r} request");
                    var limit = PodResources.Declared(c.Resources?.Limits, r);
                    Assert.True(limit is not null, $"{target} {w.Id}/{c.Name}: no {r} limit");
                    Assert.True(limit <= PodResources.Declared(range.Max, r),
                        $"{target} {w.Id}/{c.Name}: {r} limit {limit} is above the LimitRange maximum");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Kustomize.OverlayTargets), MemberType = typeof(Kustomize))]
    public void PeakUsageOfAnOverlayFitsItsNamespaceQuota(string target)
    {
        var objects = Kustomize.Objects(target);
        var quota = Assert.Single(objects.OfType<V1ResourceQuota>()).Spec.Hard;
        var range = Assert.Single(objects.OfType<V1LimitRange>()).Spec.Limits.Single(l => l.Type == "Container");
        var workloads = Workload.In(objects);

        // Peak = every workload at its maximum (HPA max + rollout surge) and every Job running at once.
        var total = workloads.Select(w => PodResources.OfPod(w.PodSpec, range).Times(w.MaxPods))
            .Aggregate(PodResources.Zero, (a, b) => a.Plus(b));
        var pods = workloads.Sum(w => w.MaxPods);

        Assert.True(pods <= quota["pods"].ToDecimal(), $"{target}: {pods} pods > quota");
        Assert.True(total.RequestsCpu <= quota["requests.cpu"].ToDecimal(), $"{target}: requests.cpu {total.RequestsCpu}");
        Assert.True(total.RequestsMemory <= quota["requests.memory"].ToDecimal(), $"{target}: requests.memory {total.RequestsMemory}");
        Assert.True(total.LimitsCpu <= quota["limits.cpu"].ToDecimal(), $"{target}: limits.cpu {total.LimitsCpu}");
        Assert.True(total.LimitsMemory <= quota["limits.memory"].ToDecimal(), $"{target}: limits.memory {total.LimitsMemory}");

        var claims = objects.OfType<V1StatefulSet>().SelectMany(s => s.Spec.VolumeClaimTemplates ?? [],
            (s, t) => (Count: s.Spec.Replicas ?? 1, Storage: t.Spec.Resources.Requests["storage"].ToDecimal())).ToList();
        if (claims.Count > 0)
        {
            Assert.True(claims.Sum(c => c.Count) <= quota["persistentvolumeclaims"].ToDecimal());
            Assert.True(claims.Sum(c => c.Count * c.Storage) <= quota["requests.storage"].ToDecimal());
        }
    }

    [Fact]
    public void QuotaArithmeticCountsTheRolloutSurgeAndTheAutoscalerMaximum()
    {
        var prod = Workload.In(Kustomize.Objects("k8s/overlays/prod"));
        var dev = Workload.In(Kustomize.Objects("k8s/overlays/dev"));

        Assert.Equal(10 + 1, Assert.Single(prod, w => w.Id == "Deployment/mlservice").MaxPods);
        Assert.Equal(1 + 1, Assert.Single(dev, w => w.Id == "Deployment/mlservice").MaxPods);
    }

    [Fact]
    public void TeamNamespaceExampleAdmitsTheDefaultedPodAndRejectsTheOversizedOne()
    {
        var objects = Kustomize.Objects("k8s/examples/05-namespaces");
        var range = Assert.Single(objects.OfType<V1LimitRange>()).Spec.Limits.Single(l => l.Type == "Container");
        var quota = Assert.Single(objects.OfType<V1ResourceQuota>()).Spec.Hard;
        var pods = objects.OfType<V1Pod>().ToDictionary(p => p.Metadata.Name);

        var admitted = PodResources.OfPod(pods["online-inference"].Spec, range);
        Assert.True(admitted.LimitsMemory <= range.Max["memory"].ToDecimal());
        Assert.True(admitted.RequestsCpu <= quota["requests.cpu"].ToDecimal());
        Assert.True(admitted.LimitsMemory <= quota["limits.memory"].ToDecimal());

        var tooBig = PodResources.OfPod(pods["online-inference-too-big"].Spec, range);
        Assert.True(tooBig.LimitsMemory > range.Max["memory"].ToDecimal(), "the README promises this pod is rejected");
    }

    [Fact]
    public void OomKillExampleLeaksPastItsLimitWithinAFewPredictions()
    {
        var oom = Kustomize.Objects("k8s/examples/02-resources").OfType<V1Pod>()
            .Single(p => p.Metadata.Name == "online-inference-oomkill");
        var container = oom.Spec.Containers[0];
        var leak = container.Env.Single(e => e.Name == "MlService__Demo__LeakMiBPerPrediction");
        var limitMiB = (PodResources.Declared(container.Resources.Limits, "memory") ?? 0) / (1024 * 1024);

        // The README promises a kill after "a handful" of predictions: the limit must be reached in at most 10.
        Assert.InRange(limitMiB / decimal.Parse(leak.Value), 1, 10);
        Assert.Equal("Never", oom.Spec.RestartPolicy);
    }
}
