using System.Text.Json.Nodes;
using MlService.Core.Stores;

namespace MlService.Core.Mlflow;

/// <summary>
/// The writes the trainer makes to an MLflow tracking server: experiments (<c>experiments/get-by-name</c>,
/// <c>experiments/create</c>), runs (<c>runs/create</c>, <c>runs/log-batch</c>, <c>runs/update</c>), artifacts (through
/// the artifacts proxy or S3, wherever the run's <c>artifact_uri</c> points) and the registry
/// (<c>registered-models/create</c>, <c>model-versions/create</c>, <c>registered-models/alias</c>).
/// </summary>
public sealed class MlflowTrackingClient(MlflowRestClient rest, BlobStoreFactory stores)
{
    private readonly MlflowArtifactLocator _locator = new(rest, stores);

    public MlflowRegistryClient Registry { get; } = new(rest);

    public string TrackingUri => rest.TrackingUri;

    /// <summary>The experiment's id, creating the experiment when it does not exist.</summary>
    public async Task<string> ExperimentIdAsync(string name, CancellationToken ct)
    {
        try
        {
            var found = await rest.GetAsync("experiments/get-by-name", new Dictionary<string, string> { ["experiment_name"] = name }, ct);
            return (string)found["experiment"]!["experiment_id"]!;
        }
        catch (MlflowApiException e) when (e.ErrorCode == "RESOURCE_DOES_NOT_EXIST")
        {
            var created = await rest.PostAsync("experiments/create", new JsonObject { ["name"] = name }, ct);
            return (string)created["experiment_id"]!;
        }
    }

    /// <summary>Starts a run; returns its id and artifact root.</summary>
    public async Task<(string RunId, string ArtifactUri)> CreateRunAsync(string experimentId, string runName, CancellationToken ct)
    {
        var created = await rest.PostAsync("runs/create", new JsonObject
        {
            ["experiment_id"] = experimentId,
            ["run_name"] = runName,
            ["start_time"] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
        }, ct);
        var info = created["run"]!["info"]!;
        return ((string)info["run_id"]!, (string)info["artifact_uri"]!);
    }

    /// <summary>Logs parameters and metrics in one <c>runs/log-batch</c> call.</summary>
    public async Task LogBatchAsync(string runId, IReadOnlyDictionary<string, string> parameters, IReadOnlyDictionary<string, double> metrics, CancellationToken ct)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await rest.PostAsync("runs/log-batch", new JsonObject
        {
            ["run_id"] = runId,
            ["params"] = new JsonArray(parameters.Select(p => (JsonNode?)new JsonObject { ["key"] = p.Key, ["value"] = p.Value }).ToArray()),
            ["metrics"] = new JsonArray(metrics.Where(m => double.IsFinite(m.Value))
                .Select(m => (JsonNode?)new JsonObject { ["key"] = m.Key, ["value"] = m.Value, ["timestamp"] = now, ["step"] = 0 }).ToArray()),
        }, ct);
    }

    /// <summary>Ends a run: FINISHED, or FAILED when logging it went wrong.</summary>
    public async Task FinishRunAsync(string runId, bool succeeded, CancellationToken ct) =>
        await rest.PostAsync("runs/update", new JsonObject
        {
            ["run_id"] = runId,
            ["status"] = succeeded ? "FINISHED" : "FAILED",
            ["end_time"] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
        }, ct);

    /// <summary>Uploads every file of a directory under <c>&lt;artifactUri&gt;/&lt;artifactPath&gt;/</c>, MLmodel last (so a reader never sees half a model).</summary>
    public async Task UploadDirectoryAsync(string artifactUri, string artifactPath, string directory, CancellationToken ct)
    {
        var (store, prefix) = _locator.Locate(artifactUri.TrimEnd('/') + "/" + artifactPath);
        prefix = prefix.Length == 0 ? "" : prefix.TrimEnd('/') + "/";
        var files = Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .Select(f => (Path: f, Key: Path.GetRelativePath(directory, f).Replace('\\', '/')))
            .OrderBy(f => f.Key == Models.MlModelFile.FileName)
            .ThenBy(f => f.Key, StringComparer.Ordinal);
        foreach (var file in files)
        {
            await using var content = File.OpenRead(file.Path);
            await store.WriteAsync(prefix + file.Key, content, ct);
        }
    }

    /// <summary>Creates the registered model unless it exists (400 RESOURCE_ALREADY_EXISTS is the "exists" answer).</summary>
    public async Task EnsureRegisteredModelAsync(string name, CancellationToken ct)
    {
        try
        {
            await rest.PostAsync("registered-models/create", new JsonObject { ["name"] = name }, ct);
        }
        catch (MlflowApiException e) when (e.ErrorCode == "RESOURCE_ALREADY_EXISTS")
        {
            // Registered before: the new version goes under it.
        }
    }

    /// <summary>Registers a version whose files are at <paramref name="source"/> (the run's artifact location of the model).</summary>
    public async Task<string> CreateModelVersionAsync(string name, string source, string? runId, CancellationToken ct)
    {
        var body = new JsonObject { ["name"] = name, ["source"] = source };
        if (runId is not null) body["run_id"] = runId;
        var created = await rest.PostAsync("model-versions/create", body, ct);
        return created["model_version"]!["version"]!.ToString();
    }

    public async Task SetAliasAsync(string name, string alias, string version, CancellationToken ct) =>
        await rest.PostAsync("registered-models/alias", new JsonObject { ["name"] = name, ["alias"] = alias, ["version"] = version }, ct);
}
