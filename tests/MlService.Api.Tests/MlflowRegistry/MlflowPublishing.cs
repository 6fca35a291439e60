using MlService.Core.Mlflow;
using MlService.Core.Stores;

namespace MlService.Api.Tests.MlflowRegistry;

/// <summary>
/// Puts a model directory into the MLflow stand-in the way an MLflow user does: a run in an experiment, the
/// directory logged as the run's <c>model</c> artifact through the artifacts proxy, then a registered version
/// whose source is that artifact location, and optionally an alias. Uses the same client as the trainer.
/// </summary>
public static class MlflowPublishing
{
    public sealed record Published(string RunId, string ArtifactUri, string Version);

    public static async Task<Published> LogAndRegisterAsync(MlflowStandIn mlflow, string model, string directory, string? alias = null)
    {
        using var rest = new MlflowRestClient(Settings(mlflow));
        var tracking = new MlflowTrackingClient(rest, new BlobStoreFactory(new S3Settings()));
        var experiment = await tracking.ExperimentIdAsync("tests", CancellationToken.None);
        var (runId, artifactUri) = await tracking.CreateRunAsync(experiment, "test run", CancellationToken.None);
        await tracking.UploadDirectoryAsync(artifactUri, "model", directory, CancellationToken.None);
        await tracking.FinishRunAsync(runId, succeeded: true, CancellationToken.None);
        await tracking.EnsureRegisteredModelAsync(model, CancellationToken.None);
        var version = await tracking.CreateModelVersionAsync(model, $"{artifactUri}/model", runId, CancellationToken.None);
        if (alias is not null) await tracking.SetAliasAsync(model, alias, version, CancellationToken.None);
        return new Published(runId, artifactUri, version);
    }

    /// <summary>Settings that pass the stand-in's auth, whatever it requires.</summary>
    public static MlflowSettings Settings(MlflowStandIn mlflow) => new()
    {
        TrackingUri = mlflow.TrackingUri,
        Token = mlflow.Token,
        Username = mlflow.Basic?.User,
        Password = mlflow.Basic?.Password,
    };

    /// <summary>The service's keys to serve <paramref name="uri"/> through the stand-in, with a fresh download cache.</summary>
    public static Dictionary<string, string?> ServiceSettings(MlflowStandIn mlflow, string uri, string cacheRoot) => new()
    {
        ["MlService:Mlflow:TrackingUri"] = mlflow.TrackingUri,
        ["MlService:Store:CacheDirectory"] = Path.Combine(cacheRoot, $"cache-{Guid.NewGuid():N}"),
        ["MlService:Models:0:Uri"] = uri,
        ["MlService:Models:0:Name"] = "heart",
    };
}
