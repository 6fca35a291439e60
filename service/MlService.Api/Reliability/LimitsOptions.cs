using System.ComponentModel.DataAnnotations;

namespace MlService.Api.Reliability;

/// <summary>
/// Overload protection. Env: <c>MlService__Limits__MaxConcurrentRequests=64</c>, <c>MlService__Limits__QueueLimit=128</c>,
/// <c>MlService__Limits__RequestTimeoutSeconds=30</c>. Read once at start (a change needs a restart).
/// Probes and /metrics are never limited.
/// </summary>
public sealed class LimitsOptions
{
    public const string SectionName = "MlService:Limits";

    /// <summary>
    /// Requests processed at once; 0 turns the limit off. 64 is far above what saturates a CPU-bound model on a
    /// few cores (throughput stops growing at a handful), so it never bites in normal use, yet a spike cannot pile
    /// up thousands of parsed bodies and blocked threads.
    /// </summary>
    [Range(0, 100_000)]
    public int MaxConcurrentRequests { get; set; } = 64;

    /// <summary>Requests waiting for a slot (oldest first); beyond it a request is refused at once with 503 + Retry-After.</summary>
    [Range(0, 1_000_000)]
    public int QueueLimit { get; set; } = 128;

    /// <summary>Retry-After of a refused request, in seconds.</summary>
    [Range(1, 3_600)]
    public int RetryAfterSeconds { get; set; } = 1;

    /// <summary>Longest time for one request, queue wait included (504 beyond, the work cancelled where it can be); 0 = no limit.</summary>
    [Range(0, 3_600)]
    public int RequestTimeoutSeconds { get; set; } = 30;
}
