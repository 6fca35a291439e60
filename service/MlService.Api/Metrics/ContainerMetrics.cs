using MlService.Api.Containers;
using Prometheus;

namespace MlService.Api.Metrics;

/// <summary>
/// The container's own limits and pressure (<c>mlservice_container_*</c>), read from its cgroup when /metrics is
/// scraped (a before-collect callback), so a student sees memory headroom and CPU throttling without cAdvisor or
/// a shell in the image. A series is absent while its value is: no memory limit, no CFS quota, a missing file.
/// </summary>
public sealed class ContainerMetrics
{
    private static readonly GaugeConfiguration Suppressed = new() { SuppressInitialValue = true };

    private static readonly Gauge MemoryLimit = Prometheus.Metrics.CreateGauge(
        "mlservice_container_memory_limit_bytes", "Memory limit of the container's cgroup (v1 memory.limit_in_bytes, v2 memory.max).", Suppressed);

    private static readonly Gauge MemoryUsage = Prometheus.Metrics.CreateGauge(
        "mlservice_container_memory_usage_bytes", "Memory charged to the container's cgroup (v1 memory.usage_in_bytes, v2 memory.current).", Suppressed);

    private static readonly Gauge CpuQuota = Prometheus.Metrics.CreateGauge(
        "mlservice_container_cpu_quota_seconds", "CPU time the container may use per CFS period (v1 cpu.cfs_quota_us, v2 cpu.max).", Suppressed);

    private static readonly Gauge CpuPeriod = Prometheus.Metrics.CreateGauge(
        "mlservice_container_cpu_period_seconds", "Length of the CFS period the quota applies to.", Suppressed);

    private static readonly Counter CfsPeriods = Prometheus.Metrics.CreateCounter(
        "mlservice_container_cpu_cfs_periods_total", "CFS periods in which the container was runnable (cpu.stat nr_periods).",
        new CounterConfiguration { SuppressInitialValue = true });

    private static readonly Counter CfsThrottledPeriods = Prometheus.Metrics.CreateCounter(
        "mlservice_container_cpu_cfs_throttled_periods_total", "CFS periods in which the container used up its quota and was throttled (cpu.stat nr_throttled).",
        new CounterConfiguration { SuppressInitialValue = true });

    private static readonly Counter CfsThrottledSeconds = Prometheus.Metrics.CreateCounter(
        "mlservice_container_cpu_cfs_throttled_seconds_total", "Time the container was throttled (cpu.stat throttled_time / throttled_usec).",
        new CounterConfiguration { SuppressInitialValue = true });

    private static int _callbackRegistered;

    // The metrics are process-wide (the default registry); the reader of the most recently built host feeds them.
    private static volatile CgroupReader? _reader;

    public ContainerMetrics(CgroupReader reader)
    {
        _reader = reader;
        if (Interlocked.Exchange(ref _callbackRegistered, 1) == 0)
        {
            Prometheus.Metrics.DefaultRegistry.AddBeforeCollectCallback(() => Update(_reader?.Read() ?? new CgroupSnapshot()));
        }
    }

    private static void Update(CgroupSnapshot s)
    {
        Set(MemoryLimit, s.MemoryLimitBytes);
        Set(MemoryUsage, s.MemoryUsageBytes);
        Set(CpuQuota, s.CpuQuotaSeconds);
        Set(CpuPeriod, s.CpuPeriodSeconds);
        Set(CfsPeriods, s.CfsPeriods);
        Set(CfsThrottledPeriods, s.CfsThrottledPeriods);
        Set(CfsThrottledSeconds, s.CfsThrottledSeconds);
    }

    private static void Set(Gauge gauge, double? value)
    {
        if (value is { } v) gauge.Set(v);
        else gauge.Unpublish();
    }

    // The kernel's counters only grow; IncTo keeps the counter monotonic even if a read is stale.
    private static void Set(Counter counter, double? value)
    {
        if (value is { } v) counter.IncTo(v);
        else counter.Unpublish();
    }
}
