namespace MlService.Deploy.Tests.Kubernetes;

public sealed class SelectorTests
{
    [Theory]
    [MemberData(nameof(Kustomize.AllTargets), MemberType = typeof(Kustomize))]
    public void WorkloadSelectorsMatchTheirPodTemplateLabels(string target)
    {
        foreach (var w in Workload.In(Kustomize.Objects(target)).Where(w => w.Selector is not null))
        {
            Assert.True(w.Selector!.MatchExpressions is null, $"{w.Id}: selectors use matchLabels only");
            Assert.NotEmpty(w.Selector.MatchLabels);
            Assert.True(Matches(w.Selector.MatchLabels, w.PodMetadata.Labels),
                $"{target} {w.Id}: selector does not match the template labels");
            Assert.False(w.Selector.MatchLabels.ContainsKey("app.kubernetes.io/version"),
                $"{w.Id}: a version label in a selector breaks every upgrade");
        }
    }

    [Theory]
    [MemberData(nameof(Kustomize.AllTargets), MemberType = typeof(Kustomize))]
    public void ServicesSelectPodsAndTargetOneOfTheirContainerPorts(string target)
    {
        var objects = Kustomize.Objects(target);
        var workloads = Workload.In(objects);
        foreach (var service in objects.OfType<V1Service>())
        {
            var backends = workloads.Where(w => Matches(service.Spec.Selector, w.PodMetadata.Labels)).ToList();
            Assert.True(backends.Count > 0, $"{target} Service/{service.Metadata.Name} selects no pods");
            foreach (var port in service.Spec.Ports)
            {
                Assert.All(backends, w => Assert.True(ContainerPort(w, port.TargetPort.Value) is not null,
                    $"{target} Service/{service.Metadata.Name} targetPort {port.TargetPort.Value} is not a port of {w.Id}"));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Kustomize.AllTargets), MemberType = typeof(Kustomize))]
    public void BudgetsPoliciesAndAutoscalersPointAtExistingWorkloads(string target)
    {
        var objects = Kustomize.Objects(target);
        var workloads = Workload.In(objects);
        foreach (var pdb in objects.OfType<V1PodDisruptionBudget>())
        {
            Assert.Contains(workloads, w => Matches(pdb.Spec.Selector.MatchLabels, w.PodMetadata.Labels));
        }
        foreach (var policy in objects.OfType<V1NetworkPolicy>())
        {
            Assert.Contains(workloads, w => Matches(policy.Spec.PodSelector.MatchLabels, w.PodMetadata.Labels));
        }
        foreach (var hpa in objects.OfType<V2HorizontalPodAutoscaler>())
        {
            var scaled = Assert.Single(workloads, w => w.Kind == hpa.Spec.ScaleTargetRef.Kind
                && w.Name == hpa.Spec.ScaleTargetRef.Name);
            // CPU utilisation is a percentage of the request: without one the HPA cannot compute it.
            Assert.All(scaled.PodSpec.Containers,
                c => Assert.NotNull(PodResources.Declared(c.Resources?.Requests, "cpu")));
            Assert.True(hpa.Spec.MinReplicas <= hpa.Spec.MaxReplicas);
        }
    }

    public static bool Matches(IDictionary<string, string>? selector, IDictionary<string, string>? labels) =>
        selector is { Count: > 0 } && labels is not null
        && selector.All(s => labels.TryGetValue(s.Key, out var v) && v == s.Value);

    /// <summary>Resolves a port given by number or by name to the container port it means, or null.</summary>
    public static int? ContainerPort(Workload w, string port) =>
        w.PodSpec.Containers.SelectMany(c => c.Ports ?? [])
            .FirstOrDefault(p => p.Name == port || p.ContainerPort.ToString() == port)?.ContainerPort;
}
