using System.ComponentModel.DataAnnotations;

namespace MlService.Api.Options;

/// <summary>
/// The model store behind <c>models:/</c> URIs and the local download cache.
/// Env: <c>MlService__Store__Root=s3://models</c>, <c>MlService__Store__CacheDirectory=/cache</c>.
/// </summary>
public sealed class StoreOptions
{
    public const string SectionName = "MlService:Store";

    /// <summary><c>file:///path</c>, a plain path, or <c>s3://bucket/prefix</c>.</summary>
    public string? Root { get; set; }

    /// <summary>Where downloaded versions are kept (an emptyDir in Kubernetes).</summary>
    public string CacheDirectory { get; set; } = Path.Combine(Path.GetTempPath(), "mlservice-cache");

    /// <summary>How often aliases and <c>latest</c> are checked for a new version; 0 turns polling off.</summary>
    [Range(0, 86_400)]
    public int PollIntervalSeconds { get; set; } = 30;

    /// <summary>Longest wait between retries of a model that failed to load at start.</summary>
    [Range(1, 3_600)]
    public int MaxRetryDelaySeconds { get; set; } = 30;

    public S3Options S3 { get; set; } = new();
}
