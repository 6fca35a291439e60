using System.ComponentModel.DataAnnotations;
using MlService.Core.Stores;
using MlService.Core.Stores.S3;

namespace MlService.Api.Options;

/// <summary>
/// The model store behind <c>models:/</c> URIs and the local download cache.
/// Env: <c>MlService__Store__Root=s3://models</c>, <c>MlService__Store__CacheDirectory=/cache</c>.
/// </summary>
public sealed class StoreOptions : IValidatableObject
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

    public S3Settings S3 { get; set; } = new();

    /// <summary>What the data annotations cannot say: the root's scheme, the endpoint URL, and the nested S3 ranges.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Root is { Length: > 0 } root && root.Contains("://", StringComparison.Ordinal))
        {
            string? error = null;
            if (S3Location.IsS3(root))
            {
                try { S3Location.Parse(root); }
                catch (FormatException e) { error = e.Message; }
            }
            else if (!root.StartsWith("file://", StringComparison.Ordinal))
            {
                error = $"'{root}' has an unsupported scheme; accepted: a path, file:///path or s3://bucket/prefix";
            }
            if (error is not null) yield return new ValidationResult($"{SectionName}:Root: {error}", [nameof(Root)]);
        }
        if (!S3Endpoint.TryParse(S3.EndpointUrl, out _, out var endpointError))
            yield return new ValidationResult($"{SectionName}:S3:EndpointUrl (MLFLOW_S3_ENDPOINT_URL): {endpointError}", ["S3.EndpointUrl"]);
        var nested = new List<ValidationResult>();
        Validator.TryValidateObject(S3, new ValidationContext(S3), nested, validateAllProperties: true);
        foreach (var result in nested)
            yield return new ValidationResult($"{SectionName}:S3:{string.Join(",", result.MemberNames)}: {result.ErrorMessage}", result.MemberNames.Select(m => $"S3.{m}"));
    }
}
