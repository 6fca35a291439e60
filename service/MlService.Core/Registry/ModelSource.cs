using MlService.Core.Mlflow;
using MlService.Core.Models;
using MlService.Core.Stores;

namespace MlService.Core.Registry;

/// <summary>
/// Turns a model URI into a version number and a verified local model directory: direct directories
/// (path, file://, s3://) and registry URIs resolved in the configured store root, or, when an MLflow tracking
/// server is configured, <c>models:/</c>, <c>runs:/</c> and <c>mlflow-artifacts:/</c> resolved through MLflow.
/// </summary>
public sealed class ModelSource(BlobStoreFactory stores, string? storeRoot, ModelCache cache, MlflowModelSource? mlflow = null)
{
    /// <summary>Version reported for a direct model directory, which has no registry version.</summary>
    public const string DirectVersion = "1";

    private ModelStore? _store;

    public string? StoreRoot { get; } = storeRoot;

    /// <summary>The registry store, opened on first use.</summary>
    public ModelStore Store => _store ??= new ModelStore(stores.Open(StoreRoot
        ?? throw new ModelLoadException("models:/ URIs need a store root: set MlService:Store:Root")));

    /// <summary>The MLflow tracking server that resolves models:/, runs:/ and mlflow-artifacts:/ URIs, when one is configured.</summary>
    public MlflowModelSource? Mlflow { get; } = mlflow;

    private MlflowModelSource RequireMlflow(ModelUri uri) => Mlflow
        ?? throw new ModelLoadException($"'{uri}' is resolved through MLflow: set MLFLOW_TRACKING_URI to the tracking server");

    /// <summary>The version the URI points at now; cheap enough to poll.</summary>
    public async Task<string> ResolveVersionAsync(ModelUri uri, CancellationToken ct)
    {
        if (uri.Kind is ModelUriKind.MlflowRun or ModelUriKind.MlflowArtifacts) RequireMlflow(uri);
        if (uri.Kind != ModelUriKind.Registry) return DirectVersion;
        if (Mlflow is not null) return await Mlflow.ResolveVersionAsync(uri, ct);
        // A pinned version never changes, so a verified copy in the cache is the answer: a restart during a store outage still loads it.
        if (uri.Version is { } pinned && cache.Holds(Store.Blobs, ModelStore.VersionPrefix(uri.Name!, pinned)))
            return pinned.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var version = await Store.ResolveAsync(uri, ct);
        if (version is null)
        {
            var what = uri.Alias is not null ? $"alias '{uri.Alias}'" : uri.Version is { } v ? $"version {v}" : "any version";
            throw new ModelLoadException($"model '{uri.Name}' has no {what} in store {Store.Blobs.Root}");
        }
        return version.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task<ModelDirectory> MaterializeAsync(ModelUri uri, string version, CancellationToken ct)
    {
        switch (uri.Kind)
        {
            case ModelUriKind.LocalDirectory:
                var local = ModelDirectory.Open(uri.Location!);
                local.VerifyChecksums();
                return local;
            case ModelUriKind.S3Directory:
                var location = uri.Location!["s3://".Length..];
                var slash = location.IndexOf('/');
                var bucketRoot = "s3://" + (slash < 0 ? location : location[..slash]);
                var prefix = slash < 0 ? "" : location[(slash + 1)..];
                return await cache.MaterializeAsync(stores.Open(bucketRoot), prefix, ct, bare: true);
            case ModelUriKind.MlflowRun or ModelUriKind.MlflowArtifacts:
                return await RequireMlflow(uri).MaterializeAsync(uri, version, ct);
            case ModelUriKind.Registry when Mlflow is not null:
                return await Mlflow.MaterializeAsync(uri, version, ct);
            default:
                return await cache.MaterializeAsync(Store.Blobs, ModelStore.VersionPrefix(uri.Name!, int.Parse(version, System.Globalization.CultureInfo.InvariantCulture)), ct);
        }
    }
}
