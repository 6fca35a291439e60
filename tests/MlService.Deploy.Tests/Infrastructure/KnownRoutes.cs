namespace MlService.Deploy.Tests.Infrastructure;

/// <summary>
/// The GET routes of MlService.Api that manifests may point probes and scrapers at, and its listening port.
/// Stand-in until the Api's route table can be read here: the lead replaces <see cref="GetPaths"/> with the
/// endpoint data source of a WebApplicationFactory&lt;Program&gt; (the DESIGN.md §7 HTTP surface).
/// </summary>
public static class KnownRoutes
{
    public const int ContainerPort = 8080;

    public static IReadOnlySet<string> GetPaths { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "/health/live", "/health/ready", "/health/startup", "/livez", "/readyz",
        "/metrics",
        "/ping", "/health", "/version",
        "/models",
        "/v2", "/v2/health/live", "/v2/health/ready",
        "/docs", "/redoc", "/openapi.json",
    };
}
