using System.ComponentModel.DataAnnotations;

namespace MlService.Api.Reliability;

/// <summary>
/// Graceful stop on SIGTERM. Env: <c>MlService__Shutdown__DrainDelaySeconds=5</c>, <c>MlService__Shutdown__TimeoutSeconds=20</c>.
/// The pod's <c>terminationGracePeriodSeconds</c> must exceed DrainDelaySeconds + TimeoutSeconds (45 with the defaults' 25).
/// </summary>
public sealed class ShutdownOptions
{
    public const string SectionName = "MlService:Shutdown";

    /// <summary>After SIGTERM, readiness is 503 at once and requests are still served this long, so load balancers stop sending first.</summary>
    [Range(0, 300)]
    public int DrainDelaySeconds { get; set; } = 5;

    /// <summary>After the drain delay the listener closes; in-flight requests get this long to finish before they are cut off.</summary>
    [Range(1, 600)]
    public int TimeoutSeconds { get; set; } = 20;

    /// <summary>The whole stop, drain included: the host's shutdown timeout.</summary>
    public TimeSpan HostShutdownTimeout => TimeSpan.FromSeconds(DrainDelaySeconds + TimeoutSeconds);
}
