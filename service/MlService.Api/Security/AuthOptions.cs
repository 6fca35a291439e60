namespace MlService.Api.Security;

/// <summary>
/// API keys (off by default). Keys come from a Secret: env <c>MlService__Auth__ApiKeys__0=...</c>, or a mounted
/// JSON file listed in <c>MLSERVICE_CONFIG</c> (rotated without a restart: the file is re-read on change).
/// Keys are compared as SHA-256 hashes in constant time and never logged or echoed.
/// </summary>
public sealed class AuthOptions
{
    public const string SectionName = "MlService:Auth";

    /// <summary>Minimum key length, so a guessable key cannot be configured by mistake.</summary>
    public const int MinKeyLength = 16;

    public bool Enabled { get; set; }

    /// <summary>Keys for predictions and model endpoints.</summary>
    public List<string> ApiKeys { get; set; } = [];

    /// <summary>Keys that may also call admin endpoints (reload, load/unload).</summary>
    public List<string> AdminApiKeys { get; set; } = [];

    /// <summary>Require a key for /metrics too (off: Prometheus scrapes without one; keep it off the public path instead).</summary>
    public bool ProtectMetrics { get; set; }
}
