using MlService.Api.Containers;
using Prometheus;

namespace MlService.Api.Metrics;

public static class MetricsSetup
{
    public const string CgroupRootKey = "MLSERVICE_CGROUP_ROOT";

    private static int _configured;

    /// <summary>
    /// Keeps process metrics but drops prometheus-net's EventCounter and Meter adapters: their names
    /// (<c>..._count</c> gauges, <c>..._total</c> gauges) fail <c>promtool check metrics</c>, and they add
    /// hundreds of series nobody asked for. Once per process.
    /// </summary>
    public static IServiceCollection AddServiceMetrics(this IServiceCollection services)
    {
        if (Interlocked.Exchange(ref _configured, 1) == 0)
        {
            Prometheus.Metrics.SuppressDefaultMetrics(new SuppressDefaultMetricOptions
            {
                SuppressEventCounters = true,
                SuppressMeters = true,
                SuppressDebugMetrics = true,
                SuppressProcessMetrics = false,
            });
        }
        services.AddSingleton<ServiceMetrics>();
        services.AddSingleton<HttpRequestMetrics>();
        // The cgroup tree is read under MLSERVICE_CGROUP_ROOT (default "/"): tests point it at a fake tree.
        services.AddSingleton(sp => new CgroupReader(sp.GetRequiredService<IConfiguration>()[CgroupRootKey] is { Length: > 0 } root ? root : "/"));
        services.AddSingleton<ContainerMetrics>();
        return services;
    }
}
