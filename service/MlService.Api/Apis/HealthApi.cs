using HealthChecks.UI.Client;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace MlService.Api.Apis;

/// <summary>Kubernetes probes. The status code always carries the result (200 healthy or degraded, 503 unhealthy); the JSON says why.</summary>
public static class HealthApi
{
    public const string LiveTag = "live";
    public const string ReadyTag = "ready";
    public const string StartupTag = "startup";

    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        MapProbe(app, "/health/live", LiveTag, "Liveness: the process answers (never depends on models or stores)");
        MapProbe(app, "/livez", LiveTag, "Liveness (alias of /health/live)");
        MapProbe(app, "/health/ready", ReadyTag, "Readiness: every model loaded and warmed, not shutting down");
        MapProbe(app, "/readyz", ReadyTag, "Readiness (alias of /health/ready)");
        MapProbe(app, "/health/startup", StartupTag, "Startup: every model has loaded once");
        return app;
    }

    private static void MapProbe(IEndpointRouteBuilder app, string path, string tag, string summary) =>
        app.MapHealthChecks(path, new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(tag),
            ResponseWriter = UIResponseWriter.WriteHealthCheckUIResponse,
        })
        .WithDisplayName(summary)
        .WithMetadata(new ProbeEndpointMetadata());
}
