using System.ComponentModel.DataAnnotations;

namespace MlService.Api.Options;

/// <summary>
/// Teaching switches that reproduce the classic "slow start, then dies" app for probe exercises and a leaking app
/// for the OOM exercise; off by default.
/// Env: <c>MlService__Demo__StartupDelaySeconds=20</c>, <c>MlService__Demo__FailLivenessAfterSeconds=60</c>,
/// <c>MlService__Demo__LeakMiBPerPrediction=16</c>.
/// </summary>
public sealed class DemoOptions
{
    public const string SectionName = "MlService:Demo";

    /// <summary>Readiness and startup stay 503 for this long after start (the port is open at once).</summary>
    [Range(0, 3_600)]
    public int StartupDelaySeconds { get; set; }

    /// <summary>Liveness turns 503 this long after start, so the kubelet restarts the container; 0 = never.</summary>
    [Range(0, 86_400)]
    public int FailLivenessAfterSeconds { get; set; }

    /// <summary>
    /// Each successful prediction (any protocol) leaks this many MiB of resident native memory, so a memory limit
    /// ends in a kernel OOM kill (exit 137); 0 = off.
    /// </summary>
    [Range(0, 1_024)]
    public int LeakMiBPerPrediction { get; set; }
}
