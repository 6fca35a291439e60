using System.ComponentModel.DataAnnotations;

namespace MlService.Api.Reliability;

/// <summary>
/// Overload protection. Env: <c>MlService__Limits__MaxConcurrentRequests=8</c>, <c>MlService__Limits__QueueLimit=128</c>,
/// <c>MlService__Limits__RequestTimeoutSeconds=30</c>. Read once at start (a change needs a restart).
/// Probes and /metrics are never limited.
/// </summary>
public sealed class LimitsOptions
{
    public const string SectionName = "MlService:Limits";

    /// <summary>
    /// Requests processed at once; 0 turns the limit off. Default: 4 per CPU the process may use, at least 8. A
    /// CPU-bound model saturates the cores at about one request per core, so more in flight only adds memory: with
    /// 64 connections sending 1000-row batches, a limit of 64 held ~40 MiB more at the peak than 8 at the same
    /// throughput (docs/benchmarks.md). The rest wait in the queue, without their bodies read.
    /// </summary>
    [Range(0, 100_000)]
    public int MaxConcurrentRequests { get; set; } = DefaultMaxConcurrentRequests;

    /// <summary>4 per CPU (<see cref="Environment.ProcessorCount"/> follows a container's CPU limit), at least 8.</summary>
    public static int DefaultMaxConcurrentRequests => Math.Max(8, 4 * Environment.ProcessorCount);

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
