using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MlService.Api.Health;

/// <summary>
/// Ready = every configured model loaded and warmed (never with zero models), the demo start delay over,
/// and not shutting down. The data says which model is not ready and why.
/// </summary>
public sealed class ModelsReadyHealthCheck(ModelRegistry registry, StartupGate gate) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var model in registry.Models)
        {
            data[model.Name] = new Dictionary<string, object?>
            {
                ["status"] = ModelDescriptions.Status(model),
                ["version"] = model.Current?.Version,
                ["error"] = model.LastFailure?.Reason,
            };
        }
        var result = true switch
        {
            _ when gate.Stopping => HealthCheckResult.Unhealthy("shutting down: draining in-flight requests", data: data),
            _ when !gate.DemoDelayPassed => HealthCheckResult.Unhealthy("demo: StartupDelaySeconds not over yet", data: data),
            _ when registry.Models.Count == 0 => HealthCheckResult.Unhealthy("no model is configured", data: data),
            _ when !registry.AllReady => HealthCheckResult.Unhealthy(
                "not ready: " + string.Join("; ", registry.Models.Where(m => m.Current is null)
                    .Select(m => m.LastFailure is { } f ? $"{m.Name} failed: {f.Reason}" : $"{m.Name} loading")), data: data),
            _ => HealthCheckResult.Healthy($"{registry.Models.Count} model(s) ready", data),
        };
        return Task.FromResult(result);
    }
}
