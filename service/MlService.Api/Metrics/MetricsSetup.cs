using Prometheus;

namespace MlService.Api.Metrics;

public static class MetricsSetup
{
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
        return services;
    }
}

public static class HttpMetricsSetup
{
    /// <summary>
    /// prometheus-net's HTTP request metrics, slimmed for the hot path: only the duration histogram
    /// (<c>http_request_duration_seconds</c>, whose <c>_count</c> already counts requests by code, method and
    /// endpoint), without exemplars (a trace-id lookup per observation), without the separate request counter
    /// and in-progress gauge (two more middlewares per request), and without counting the scrapes of /metrics.
    /// </summary>
    public static void Configure(Prometheus.HttpMetrics.HttpMiddlewareExporterOptions options)
    {
        options.CaptureMetricsUrl = false;
        options.InProgress.Enabled = false;
        options.RequestCount.Enabled = false;
        options.ConfigureMeasurements(m => m.ExemplarPredicate = _ => false);
    }
}
