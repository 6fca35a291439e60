using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MlService.Api.Grpc;

/// <summary>The health checks of one probe tag, as <c>/health/ready</c> runs them: unhealthy is not ready, degraded still is.</summary>
public static class GrpcReadiness
{
    public static async Task<(bool Ready, string Reason)> CheckAsync(HealthCheckService health, string tag, CancellationToken cancellationToken)
    {
        var report = await health.CheckHealthAsync(check => check.Tags.Contains(tag), cancellationToken);
        if (report.Status != HealthStatus.Unhealthy) return (true, "");
        return (false, string.Join("; ", report.Entries.Where(e => e.Value.Status == HealthStatus.Unhealthy).Select(e => e.Value.Description ?? e.Key)));
    }
}
