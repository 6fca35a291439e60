using System.Collections.Concurrent;
using Prometheus;

namespace MlService.Api.Metrics;

/// <summary>
/// The metrics of memory admission: requests shed by reason, and the reserved memory against its budget (set when
/// /metrics is scraped, not per request). One admission per service; more only in tests, whose values are summed.
/// </summary>
public sealed class MemoryAdmissionMetrics
{
    private static readonly Counter Shed = Prometheus.Metrics.CreateCounter(
        "mlservice_shed_requests_total", "Requests refused by memory admission, by reason (memory_budget, memory_high_water, too_large).",
        new CounterConfiguration { LabelNames = ["reason"] });

    private static readonly Gauge Reserved = Prometheus.Metrics.CreateGauge(
        "mlservice_admission_memory_reserved_bytes", "Memory the requests in flight are estimated to hold (MlService:MemoryAdmission).");

    private static readonly Gauge Budget = Prometheus.Metrics.CreateGauge(
        "mlservice_admission_memory_budget_bytes", "Memory the requests in flight may hold: MlService:MemoryAdmission:InFlightPercent of the limit.");

    private static readonly ConcurrentDictionary<MemoryAdmission, byte> Sources = new();
    private static int _callbackAdded;

    public void Report(MemoryAdmission admission)
    {
        if (Interlocked.Exchange(ref _callbackAdded, 1) == 0)
        {
            Prometheus.Metrics.DefaultRegistry.AddBeforeCollectCallback(() =>
            {
                Reserved.Set(Sources.Keys.Sum(a => a.ReservedBytes));
                Budget.Set(Sources.Keys.Sum(a => a.BudgetBytes ?? 0));
            });
        }
        Sources[admission] = 0;
    }

    public static string Reason(MemoryVerdict verdict) => verdict switch
    {
        MemoryVerdict.OverBudget => "memory_budget",
        MemoryVerdict.HighWater => "memory_high_water",
        MemoryVerdict.TooLarge => "too_large",
        _ => "admitted",
    };

    public void Count(MemoryVerdict verdict) => Shed.WithLabels(Reason(verdict)).Inc();
}
