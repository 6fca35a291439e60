using MlService.Core.Models;
using MlService.Core.Stores;

namespace MlService.Core.Mlflow;

/// <summary>
/// Resolves model URIs through an MLflow tracking server and fetches the files into the verified cache:
/// <c>models:/name/version|latest|@alias</c> (the registry), <c>runs:/run_id/path</c> and <c>mlflow-artifacts:/path</c>.
/// Files come from where MLflow says they are: S3 (the configured S3 settings), the artifacts proxy, or a local path.
/// </summary>
public sealed class MlflowModelSource(MlflowRegistryClient registry, BlobStoreFactory stores, ModelCache cache)
{
    private readonly MlflowArtifactLocator _locator = new(registry.Rest, stores);

    public string TrackingUri => registry.Rest.TrackingUri;

    /// <summary>The registry version a <c>models:/</c> URI names now; cheap enough to poll (one REST call).</summary>
    public async Task<string> ResolveVersionAsync(ModelUri uri, CancellationToken ct)
    {
        try
        {
            return (await registry.ResolveAsync(uri, ct)).Version;
        }
        catch (MlflowApiException e)
        {
            throw new ModelLoadException($"{uri}: MLflow at {TrackingUri} answered {e.Message}", e);
        }
    }

    public async Task<ModelDirectory> MaterializeAsync(ModelUri uri, string version, CancellationToken ct)
    {
        try
        {
            var location = uri.Kind switch
            {
                ModelUriKind.Registry => await registry.DownloadUriAsync(uri.Name!, version, ct),
                ModelUriKind.MlflowRun => await RunLocationAsync(uri.Location!, ct),
                ModelUriKind.MlflowArtifacts => uri.Location!,
                _ => throw new ArgumentException($"'{uri}' is not resolved through MLflow", nameof(uri)),
            };
            var (store, prefix) = _locator.Locate(location);
            return await cache.MaterializeAsync(store, prefix, ct, bare: true);
        }
        catch (MlflowApiException e)
        {
            throw new ModelLoadException($"{uri}: MLflow at {TrackingUri} answered {e.Message}", e);
        }
    }

    /// <summary><c>runs:/&lt;run_id&gt;/&lt;path&gt;</c> → the run's artifact root (<c>runs/get</c>) + path.</summary>
    private async Task<string> RunLocationAsync(string runsUri, CancellationToken ct)
    {
        var rest = runsUri["runs:/".Length..].Trim('/');
        var slash = rest.IndexOf('/');
        var runId = slash < 0 ? rest : rest[..slash];
        var root = (await registry.RunArtifactUriAsync(runId, ct)).TrimEnd('/');
        return slash < 0 ? root : $"{root}/{rest[(slash + 1)..]}";
    }
}
