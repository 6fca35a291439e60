namespace MlService.Deploy.Tests.Kubernetes;

public sealed class ProbeTests
{
    [Theory]
    [MemberData(nameof(Kustomize.AllTargets), MemberType = typeof(Kustomize))]
    public void ServerProbesUseRealRoutesOnTheListeningPort(string target)
    {
        foreach (var w in Workload.In(Kustomize.Objects(target)))
        {
            foreach (var c in w.PodSpec.Containers.Where(Images.IsServer))
            {
                Assert.Contains(c.Ports, p => p.ContainerPort == KnownRoutes.ContainerPort);
                foreach (var (kind, probe) in Probes(c))
                {
                    var get = probe.HttpGet;
                    Assert.True(get is not null, $"{target} {w.Id} {kind}: the service is probed over HTTP");
                    Assert.True(KnownRoutes.GetPaths.Contains(get!.Path),
                        $"{target} {w.Id} {kind}: {get.Path} is not a route of the service");
                    Assert.Equal(KnownRoutes.ContainerPort, SelectorTests.ContainerPort(w, get.Port.Value));
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Kustomize.AllTargets), MemberType = typeof(Kustomize))]
    public void EveryHttpProbePortIsAPortOfItsContainer(string target)
    {
        foreach (var w in Workload.In(Kustomize.Objects(target)))
        {
            foreach (var c in w.PodSpec.Containers)
            {
                foreach (var (kind, probe) in Probes(c).Where(p => p.Probe.HttpGet is not null))
                {
                    var port = probe.HttpGet.Port.Value;
                    Assert.True(c.Ports?.Any(p => p.Name == port || p.ContainerPort.ToString() == port) == true,
                        $"{target} {w.Id}/{c.Name} {kind} port {port} is not declared by the container");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Kustomize.OverlayTargets), MemberType = typeof(Kustomize))]
    public void DeployedServiceHasStartupReadinessAndLivenessOnDistinctEndpoints(string target)
    {
        var server = Assert.Single(Workload.In(Kustomize.Objects(target)), w => w.Kind == "Deployment");
        var c = Assert.Single(server.PodSpec.Containers, Images.IsServer);

        Assert.Equal("/health/startup", c.StartupProbe?.HttpGet?.Path);
        Assert.Equal("/health/ready", c.ReadinessProbe?.HttpGet?.Path);
        // Liveness must not depend on models or storage, or a store outage restarts every pod.
        Assert.Equal("/health/live", c.LivenessProbe?.HttpGet?.Path);
        // The startup budget (period x failures) waits for the model in the store: a trainer run well over 120 s
        // or a store outage of minutes while the pod starts must not restart the container.
        Assert.True(c.StartupProbe!.PeriodSeconds * c.StartupProbe.FailureThreshold >= 600);
    }

    [Fact]
    public void ProbesExampleReproducesTheSlowStartThenDieApp()
    {
        var pod = Assert.Single(Kustomize.Objects("k8s/examples/03-probes").OfType<V1Pod>());
        var c = Assert.Single(pod.Spec.Containers);
        var env = c.Env.ToDictionary(e => e.Name, e => e.Value);

        var startDelay = int.Parse(env["MlService__Demo__StartupDelaySeconds"]);
        var dieAfter = int.Parse(env["MlService__Demo__FailLivenessAfterSeconds"]);
        Assert.InRange(startDelay, 20, 30);
        Assert.True(dieAfter > startDelay);
        Assert.Equal("/health/ready", c.ReadinessProbe.HttpGet.Path);
        Assert.Equal("/health/live", c.LivenessProbe.HttpGet.Path);
        // Liveness fails within a minute and a half of start, so students see a restart during the seminar.
        Assert.True(dieAfter + c.LivenessProbe.PeriodSeconds * c.LivenessProbe.FailureThreshold <= 90);
    }

    [Fact]
    public void RouteTableIsReadFromTheRunningService()
    {
        Assert.Contains("/health/ready", KnownRoutes.GetPaths);
        Assert.Contains("/metrics", KnownRoutes.GetPaths);
        Assert.DoesNotContain("/healthz", KnownRoutes.GetPaths);
        Assert.DoesNotContain("/predict", KnownRoutes.GetPaths);   // POST only
    }

    private static IEnumerable<(string Kind, V1Probe Probe)> Probes(V1Container c)
    {
        if (c.StartupProbe is not null) yield return ("startupProbe", c.StartupProbe);
        if (c.ReadinessProbe is not null) yield return ("readinessProbe", c.ReadinessProbe);
        if (c.LivenessProbe is not null) yield return ("livenessProbe", c.LivenessProbe);
    }
}
