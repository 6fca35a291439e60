using System.ComponentModel.DataAnnotations;
using MlService.Core.Mlflow;

namespace MlService.Api.Options;

/// <summary>
/// The MLflow tracking server that resolves <c>models:/</c>, <c>runs:/</c> and <c>mlflow-artifacts:/</c> URIs.
/// Env: MLflow's names <c>MLFLOW_TRACKING_URI</c>, <c>MLFLOW_TRACKING_TOKEN</c>, <c>MLFLOW_TRACKING_USERNAME</c>,
/// <c>MLFLOW_TRACKING_PASSWORD</c>, <c>MLFLOW_TRACKING_INSECURE_TLS</c>, or <c>MlService__Mlflow__TrackingUri=http://mlflow:5000</c>.
/// Without a tracking URI, <c>models:/</c> names the store layout (<see cref="StoreOptions"/>). Secrets are never logged.
/// </summary>
public sealed class MlflowOptions : IValidatableObject
{
    public const string SectionName = "MlService:Mlflow";

    public string? TrackingUri { get; set; }
    public string? Token { get; set; }
    public string? Username { get; set; }
    public string? Password { get; set; }
    public bool IgnoreTls { get; set; }

    /// <summary>Upper bound of one REST call or one artifact download.</summary>
    [Range(1, 86_400)]
    public int RequestTimeoutSeconds { get; set; } = 300;

    public MlflowSettings ToSettings() => new()
    {
        TrackingUri = string.IsNullOrWhiteSpace(TrackingUri) ? null : TrackingUri.Trim(),
        Token = Token,
        Username = Username,
        Password = Password,
        IgnoreTls = IgnoreTls,
        RequestTimeoutSeconds = RequestTimeoutSeconds,
    };

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ToSettings().Problem() is { } problem)
            yield return new ValidationResult($"{SectionName}:TrackingUri (MLFLOW_TRACKING_URI): {problem}", [nameof(TrackingUri)]);
    }
}
