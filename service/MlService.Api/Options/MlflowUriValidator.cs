using MlService.Core.Stores;

namespace MlService.Api.Options;

/// <summary>
/// A <c>runs:/</c> or <c>mlflow-artifacts:/</c> model URI without a tracking server can never load: refused at start
/// (exit 2, naming the key) instead of a service that stays not ready for ever.
/// </summary>
public sealed class MlflowUriValidator(IOptions<MlflowOptions> mlflow) : IValidateOptions<ServingOptions>
{
    public ValidateOptionsResult Validate(string? name, ServingOptions options)
    {
        if (mlflow.Value.ToSettings().IsConfigured) return ValidateOptionsResult.Success;
        var failures = options.Models
            .Select((model, i) => (Index: i, Ok: ModelUri.TryParse(model.Uri, out var uri, out _), Uri: uri))
            .Where(m => m.Ok && m.Uri.Kind is ModelUriKind.MlflowRun or ModelUriKind.MlflowArtifacts)
            .Select(m => $"MlService:Models:{m.Index}:Uri: '{m.Uri}' is resolved through MLflow: set MLFLOW_TRACKING_URI (MlService:Mlflow:TrackingUri) to the tracking server")
            .ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
