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

    /// <summary>Upper bound of one REST call or one artifact download (1 to 86400, checked in <see cref="Validate"/> so the message names the key).</summary>
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
        var settings = ToSettings();
        if (settings.UriProblem() is { } uri)
            yield return new ValidationResult($"{SectionName}:TrackingUri (MLFLOW_TRACKING_URI): {uri}", [nameof(TrackingUri)]);
        if (settings.IsConfigured && settings.CredentialsProblem() is { } credentials)
            yield return new ValidationResult($"{SectionName}:Username, {SectionName}:Password: {credentials}", [nameof(Username), nameof(Password)]);
        if (RequestTimeoutSeconds is < 1 or > 86_400)
            yield return new ValidationResult($"{SectionName}:RequestTimeoutSeconds: '{RequestTimeoutSeconds}' is not an integer from 1 to 86400", [nameof(RequestTimeoutSeconds)]);
    }
}
