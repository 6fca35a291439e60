using System.Globalization;
using System.Text.Json.Nodes;
using MlService.Core.Stores;

namespace MlService.Core.Mlflow;

/// <summary>
/// Reads MLflow's Model Registry and runs through the REST 2.0 endpoints: <c>registered-models/alias</c>,
/// <c>model-versions/get</c>, <c>registered-models/get-latest-versions</c> (for <c>latest</c>, the highest version as
/// MLflow's own <c>models:/name/latest</c> does), <c>model-versions/get-download-uri</c> and <c>runs/get</c>.
/// </summary>
public sealed class MlflowRegistryClient(MlflowRestClient rest)
{
    public MlflowRestClient Rest { get; } = rest;

    /// <summary>The version a <c>models:/</c> URI names now.</summary>
    /// <exception cref="MlflowApiException">Unknown model (404 RESOURCE_DOES_NOT_EXIST), missing alias (400 INVALID_PARAMETER_VALUE), ...</exception>
    public async Task<MlflowModelVersion> ResolveAsync(ModelUri uri, CancellationToken ct)
    {
        if (uri.Kind != ModelUriKind.Registry) throw new ArgumentException("not a models:/ URI", nameof(uri));
        var name = uri.Name!;
        if (uri.Alias is { } alias)
            return Version((await Rest.GetAsync("registered-models/alias", new Dictionary<string, string> { ["name"] = name, ["alias"] = alias }, ct))["model_version"]);
        if (uri.Version is { } pinned)
            return Version((await Rest.GetAsync("model-versions/get",
                new Dictionary<string, string> { ["name"] = name, ["version"] = pinned.ToString(CultureInfo.InvariantCulture) }, ct))["model_version"]);
        var latest = await Rest.PostAsync("registered-models/get-latest-versions", new JsonObject { ["name"] = name }, ct);
        // One version per stage comes back; the newest of them is the latest, as in mlflow.pyfunc's models:/name/latest.
        var versions = (latest["model_versions"]?.AsArray() ?? []).Select(Version).ToList();
        return versions.MaxBy(v => long.TryParse(v.Version, CultureInfo.InvariantCulture, out var n) ? n : -1)
            ?? throw new MlflowApiException(404, "RESOURCE_DOES_NOT_EXIST", $"Registered Model with name={name} has no versions");
    }

    /// <summary>Where the version's files are: <c>s3://...</c>, <c>mlflow-artifacts:/...</c>, a path, ...</summary>
    public async Task<string> DownloadUriAsync(string name, string version, CancellationToken ct)
    {
        var answer = await Rest.GetAsync("model-versions/get-download-uri", new Dictionary<string, string> { ["name"] = name, ["version"] = version }, ct);
        return answer["artifact_uri"]?.GetValue<string>() is { Length: > 0 } uri ? uri
            : throw new MlflowApiException(500, "INTERNAL_ERROR", $"model-versions/get-download-uri gave no artifact_uri for {name} version {version}");
    }

    /// <summary>The artifact root of a run (<c>runs/get</c> → <c>run.info.artifact_uri</c>).</summary>
    public async Task<string> RunArtifactUriAsync(string runId, CancellationToken ct)
    {
        var answer = await Rest.GetAsync("runs/get", new Dictionary<string, string> { ["run_id"] = runId }, ct);
        return answer["run"]?["info"]?["artifact_uri"]?.GetValue<string>() is { Length: > 0 } uri ? uri
            : throw new MlflowApiException(500, "INTERNAL_ERROR", $"runs/get gave no artifact_uri for run {runId}");
    }

    private static MlflowModelVersion Version(JsonNode? node)
    {
        var json = node as JsonObject ?? throw new MlflowApiException(500, "INTERNAL_ERROR", "the answer holds no model_version");
        return new MlflowModelVersion(
            json["name"]?.GetValue<string>() ?? "",
            json["version"] is { } v ? v.ToString() : throw new MlflowApiException(500, "INTERNAL_ERROR", "model_version has no version"),
            json["source"]?.GetValue<string>(),
            json["run_id"]?.GetValue<string>());
    }
}
