using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MlService.Api.Health;

/// <summary>For the startupProbe: healthy once every model has loaded once; liveness checks start after that.</summary>
public sealed class StartupHealthCheck(StartupGate gate) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(gate.ModelsLoadedOnce && gate.DemoDelayPassed
            ? HealthCheckResult.Healthy($"started in {(gate.Uptime.TotalSeconds):F1}s or less")
            : HealthCheckResult.Unhealthy("still starting: models are loading"));
}
