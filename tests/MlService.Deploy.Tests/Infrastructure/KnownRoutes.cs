namespace MlService.Deploy.Tests.Infrastructure;

/// <summary>What manifests may point probes and scrapers at: the service's real GET routes and its port.</summary>
public static class KnownRoutes
{
    /// <summary>ASPNETCORE_HTTP_PORTS of the image (DockerfileTests checks the Dockerfile says so).</summary>
    public const int ContainerPort = 8080;

    /// <summary>The Open Inference Protocol gRPC port (MlService:Grpc:Port).</summary>
    public const int GrpcPort = 8081;

    public static IReadOnlySet<string> GetPaths => ServiceRouteTable.GetPaths;
}
