namespace MlService.Deploy.Tests.Kubernetes;

/// <summary>The gRPC port: named on the service's container and exposed by its Service, in every rendered target.</summary>
public sealed class GrpcPortTests
{
    [Theory]
    [MemberData(nameof(Kustomize.AllTargets), MemberType = typeof(Kustomize))]
    public void TheGrpcPortIsNamedOnTheContainerAndServedByTheService(string target)
    {
        var objects = Kustomize.Objects(target);
        var service = objects.OfType<V1Service>().SingleOrDefault(s => s.Metadata.Name.EndsWith("mlservice", StringComparison.Ordinal));
        if (service is null) return; // a target without the inference Service (e.g. a component alone)
        var grpc = Assert.Single(service.Spec.Ports, p => p.Name == "grpc");
        Assert.Equal(KnownRoutes.GrpcPort, grpc.Port);
        Assert.Equal("grpc", grpc.TargetPort.Value);
        Assert.Equal("kubernetes.io/h2c", grpc.AppProtocol);
        foreach (var w in Workload.In(objects).Where(w => SelectorTests.ContainerPort(w, "grpc") is not null))
            Assert.Equal(KnownRoutes.GrpcPort, SelectorTests.ContainerPort(w, "grpc"));
    }
}
