using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MlService.Api.Health;

/// <summary>The process answers: never depends on models or stores (only the teaching switch can fail it).</summary>
public sealed class LivenessHealthCheck(StartupGate gate) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(gate.DemoLivenessExpired
            ? HealthCheckResult.Unhealthy($"demo: FailLivenessAfterSeconds elapsed ({gate.Uptime.TotalSeconds:F0}s since start)")
            : HealthCheckResult.Healthy("process is responsive"));
}
