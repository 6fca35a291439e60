using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MlService.Api.Health;

/// <summary>Reports a store outage as Degraded (HTTP 200): loaded models keep serving.</summary>
public sealed class StoreHealthCheck(StoreHealth store) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(store.LastError is { } error
            ? HealthCheckResult.Degraded($"model store unreachable since {store.DownSince:O}: {error}")
            : HealthCheckResult.Healthy("model store reachable (or not needed)"));
}
