namespace MlService.Deploy.Tests.Infrastructure;

/// <summary>
/// What one pod counts against a ResourceQuota, computed the way Kubernetes does: a missing request takes the
/// container's limit, else the LimitRange defaultRequest; a missing limit takes the LimitRange default; the pod
/// counts the larger of (sum of containers) and (largest init container).
/// </summary>
public sealed record PodResources(decimal RequestsCpu, decimal RequestsMemory, decimal LimitsCpu, decimal LimitsMemory)
{
    public static PodResources Zero { get; } = new(0, 0, 0, 0);

    public PodResources Plus(PodResources o) => new(RequestsCpu + o.RequestsCpu, RequestsMemory + o.RequestsMemory,
        LimitsCpu + o.LimitsCpu, LimitsMemory + o.LimitsMemory);

    public PodResources Max(PodResources o) => new(Math.Max(RequestsCpu, o.RequestsCpu),
        Math.Max(RequestsMemory, o.RequestsMemory), Math.Max(LimitsCpu, o.LimitsCpu),
        Math.Max(LimitsMemory, o.LimitsMemory));

    public PodResources Times(int n) => new(RequestsCpu * n, RequestsMemory * n, LimitsCpu * n, LimitsMemory * n);

    public static PodResources OfPod(V1PodSpec spec, V1LimitRangeItem? defaults)
    {
        var containers = spec.Containers.Select(c => OfContainer(c, defaults)).Aggregate(Zero, (a, b) => a.Plus(b));
        var init = (spec.InitContainers ?? []).Select(c => OfContainer(c, defaults)).Aggregate(Zero, (a, b) => a.Max(b));
        return containers.Max(init);
    }

    public static PodResources OfContainer(V1Container c, V1LimitRangeItem? defaults) => new(
        Request(c, "cpu", defaults), Request(c, "memory", defaults),
        Limit(c, "cpu", defaults), Limit(c, "memory", defaults));

    public static decimal? Declared(IDictionary<string, ResourceQuantity>? values, string resource) =>
        values is not null && values.TryGetValue(resource, out var q) ? q.ToDecimal() : null;

    private static decimal Request(V1Container c, string resource, V1LimitRangeItem? defaults) =>
        Declared(c.Resources?.Requests, resource) ?? Declared(c.Resources?.Limits, resource)
        ?? Declared(defaults?.DefaultRequest, resource) ?? 0;

    private static decimal Limit(V1Container c, string resource, V1LimitRangeItem? defaults) =>
        Declared(c.Resources?.Limits, resource) ?? Declared(defaults?.DefaultProperty, resource) ?? 0;
}
