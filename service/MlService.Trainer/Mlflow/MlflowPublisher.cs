using MlService.Core.Mlflow;

namespace MlService.Trainer.Mlflow;

/// <summary>
/// <c>publish --registry mlflow</c>: registers a version of a model logged by <c>train</c> (MLflow's
/// <c>mlflow.register_model("runs:/&lt;run_id&gt;/model", name)</c>): <c>registered-models/create</c> when the name
/// is new, <c>model-versions/create</c> with the run's artifact location as source, then the alias.
/// </summary>
public static class MlflowPublisher
{
    public static async Task PublishAsync(string model, string directory, string? runId, string? alias, bool skipUnchanged, TextWriter output, CancellationToken ct)
    {
        var settings = MlflowSettings.FromEnvironment();
        if (!settings.IsConfigured) throw new ArgumentException("--registry mlflow needs MLFLOW_TRACKING_URI (the tracking server, e.g. http://mlflow:5000)");
        ModelStore.ValidateName(model, "--name");
        var mlmodel = MlModelFile.Load(directory);
        runId ??= mlmodel.RunId ?? throw new ArgumentException(
            $"'{directory}' was not logged to MLflow (no run_id in MLmodel): run train with MLFLOW_TRACKING_URI set, or pass --run-id");
        var artifactPath = mlmodel.Raw.GetValueOrDefault("artifact_path")?.ToString() is { Length: > 0 } path && !path.Contains("://", StringComparison.Ordinal)
            ? path : TrainingRunLogger.ArtifactPath;

        using var rest = new MlflowRestClient(settings);
        var tracking = new MlflowTrackingClient(rest, new BlobStoreFactory(S3Settings.FromEnvironment()));
        var source = $"{(await tracking.Registry.RunArtifactUriAsync(runId, ct)).TrimEnd('/')}/{artifactPath}";
        await tracking.EnsureRegisteredModelAsync(model, ct);
        var version = skipUnchanged ? await VersionOfRunAsync(tracking.Registry, model, runId, ct) : null;
        if (version is not null)
        {
            await output.WriteLineAsync($"{model} version {version} in MLflow {rest.TrackingUri} already is run {runId}: nothing registered");
        }
        else
        {
            version = await tracking.CreateModelVersionAsync(model, source, runId, ct);
            await output.WriteLineAsync($"registered {model} version {version} in MLflow {rest.TrackingUri} from run {runId} ({source})");
        }
        if (alias is not null)
        {
            await tracking.SetAliasAsync(model, alias, version, ct);
            await output.WriteLineAsync($"alias {alias} -> {version}");
        }
    }

    /// <summary>The latest version when it was registered from this run, else null.</summary>
    private static async Task<string?> VersionOfRunAsync(MlflowRegistryClient registry, string model, string runId, CancellationToken ct)
    {
        try
        {
            var latest = await registry.ResolveAsync(ModelUri.Parse($"models:/{model}/latest"), ct);
            return latest.RunId == runId ? latest.Version : null;
        }
        catch (MlflowApiException e) when (e.ErrorCode == "RESOURCE_DOES_NOT_EXIST")
        {
            return null;
        }
    }
}
