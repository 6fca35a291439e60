namespace MlService.Deploy.Tests.Infrastructure;

/// <summary>
/// Anything that creates pods, reduced to what the checks need: its pod template and how many pods it may run
/// at once (replicas, raised to the HPA maximum, plus the rolling-update surge).
/// </summary>
public sealed record Workload(string Kind, string Name, string? Namespace, V1ObjectMeta PodMetadata,
    V1PodSpec PodSpec, V1LabelSelector? Selector, int MaxPods)
{
    public string Id => $"{Kind}/{Name}";

    public IEnumerable<V1Container> AllContainers => PodSpec.Containers.Concat(PodSpec.InitContainers ?? []);

    public static IReadOnlyList<Workload> In(IReadOnlyList<object> objects)
    {
        var hpas = objects.OfType<V2HorizontalPodAutoscaler>().ToList();
        var workloads = new List<Workload>();
        foreach (var o in objects)
        {
            switch (o)
            {
                case V1Deployment d:
                    var replicas = d.Spec.Replicas ?? 1;
                    var hpa = hpas.FirstOrDefault(h => h.Spec.ScaleTargetRef.Kind == "Deployment"
                        && h.Spec.ScaleTargetRef.Name == d.Metadata.Name);
                    var steady = Math.Max(replicas, hpa?.Spec.MaxReplicas ?? 0);
                    workloads.Add(new(d.Kind, d.Metadata.Name, d.Metadata.NamespaceProperty, d.Spec.Template.Metadata,
                        d.Spec.Template.Spec, d.Spec.Selector, steady + Surge(d, steady)));
                    break;
                case V1ReplicaSet r:
                    workloads.Add(new(r.Kind, r.Metadata.Name, r.Metadata.NamespaceProperty, r.Spec.Template.Metadata,
                        r.Spec.Template.Spec, r.Spec.Selector, r.Spec.Replicas ?? 1));
                    break;
                case V1StatefulSet s:
                    workloads.Add(new(s.Kind, s.Metadata.Name, s.Metadata.NamespaceProperty, s.Spec.Template.Metadata,
                        s.Spec.Template.Spec, s.Spec.Selector, s.Spec.Replicas ?? 1));
                    break;
                case V1Job j:
                    workloads.Add(new(j.Kind, j.Metadata.Name, j.Metadata.NamespaceProperty, j.Spec.Template.Metadata,
                        j.Spec.Template.Spec, null, j.Spec.Parallelism ?? 1));
                    break;
                case V1CronJob c:
                    // concurrencyPolicy Forbid (checked separately) keeps it to one Job at a time.
                    var job = c.Spec.JobTemplate.Spec;
                    workloads.Add(new(c.Kind, c.Metadata.Name, c.Metadata.NamespaceProperty, job.Template.Metadata,
                        job.Template.Spec, null, job.Parallelism ?? 1));
                    break;
                case V1Pod p:
                    workloads.Add(new(p.Kind, p.Metadata.Name, p.Metadata.NamespaceProperty, p.Metadata, p.Spec,
                        null, 1));
                    break;
            }
        }
        return workloads;
    }

    private static int Surge(V1Deployment d, int replicas)
    {
        if (d.Spec.Strategy?.Type == "Recreate")
        {
            return 0;
        }
        // Kubernetes' default maxSurge is 25 %, rounded up.
        var surge = d.Spec.Strategy?.RollingUpdate?.MaxSurge?.Value ?? "25%";
        return surge.EndsWith('%')
            ? (int)Math.Ceiling(replicas * int.Parse(surge.TrimEnd('%')) / 100.0)
            : int.Parse(surge);
    }
}
