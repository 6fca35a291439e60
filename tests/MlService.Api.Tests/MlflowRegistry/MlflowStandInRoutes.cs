using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace MlService.Api.Tests.MlflowRegistry;

/// <summary>
/// The endpoints of the <see cref="MlflowStandIn"/>, following MLflow's REST API reference: paths under
/// <c>/api/2.0/mlflow/</c>, GET parameters in the query string, POST bodies in JSON, int64 fields as JSON numbers,
/// errors as <c>{"error_code": ..., "message": ...}</c> with MLflow's status for each code and MLflow's wording.
/// </summary>
public static class MlflowStandInRoutes
{
    private const string Api = "/api/2.0/mlflow";
    private const string ArtifactsApi = "/api/2.0/mlflow-artifacts/artifacts";

    public static void Map(WebApplication app, MlflowStandInState state)
    {
        app.MapGet($"{Api}/experiments/get-by-name", (string experiment_name) =>
            state.ExperimentByName(experiment_name) is { } e ? Ok(new JsonObject { ["experiment"] = e.DeepClone() })
                : Error(404, "RESOURCE_DOES_NOT_EXIST", $"Could not find experiment with name '{experiment_name}'"));
        app.MapPost($"{Api}/experiments/create", async (HttpRequest request) =>
        {
            var body = await BodyAsync(request);
            var name = (string?)body["name"];
            if (string.IsNullOrEmpty(name)) return Missing("name");
            return state.CreateExperiment(name) is { } e ? Ok(new JsonObject { ["experiment_id"] = (string?)e["experiment_id"] })
                : Error(400, "RESOURCE_ALREADY_EXISTS", $"Experiment(name={name}) already exists.");
        });

        app.MapPost($"{Api}/runs/create", async (HttpRequest request) =>
        {
            var body = await BodyAsync(request);
            var experiment = state.ExperimentById((string?)body["experiment_id"] ?? "");
            if (experiment is null) return Error(404, "RESOURCE_DOES_NOT_EXIST", $"No Experiment with id={(string?)body["experiment_id"]} exists");
            var run = state.CreateRun(experiment, (string?)body["run_name"], (long?)body["start_time"] ?? Now());
            return Ok(new JsonObject { ["run"] = run.DeepClone() });
        });
        app.MapGet($"{Api}/runs/get", (string run_id) =>
            state.Run(run_id) is { } run ? Ok(new JsonObject { ["run"] = state.Locked(() => run.DeepClone()) })
                : Error(404, "RESOURCE_DOES_NOT_EXIST", $"Run '{run_id}' not found"));
        app.MapPost($"{Api}/runs/log-parameter", async (HttpRequest request) =>
            await OnRunAsync(state, request, (run, body) => Append(run, "params", new JsonObject { ["key"] = (string?)body["key"], ["value"] = (string?)body["value"] })));
        app.MapPost($"{Api}/runs/log-metric", async (HttpRequest request) =>
            await OnRunAsync(state, request, (run, body) => Append(run, "metrics", Metric(body))));
        app.MapPost($"{Api}/runs/log-batch", async (HttpRequest request) => await OnRunAsync(state, request, (run, body) =>
        {
            foreach (var metric in body["metrics"]?.AsArray() ?? []) Append(run, "metrics", Metric(metric!.AsObject()));
            foreach (var param in body["params"]?.AsArray() ?? []) Append(run, "params", param!.DeepClone());
            foreach (var tag in body["tags"]?.AsArray() ?? []) Append(run, "tags", tag!.DeepClone());
        }));
        app.MapPost($"{Api}/runs/update", async (HttpRequest request) =>
        {
            JsonObject? info = null;
            var result = await OnRunAsync(state, request, (run, body) =>
            {
                info = run["info"]!.AsObject();
                if ((string?)body["status"] is { } status) info["status"] = status;
                if ((long?)body["end_time"] is { } end) info["end_time"] = end;
                info = info.DeepClone().AsObject();
            });
            return info is null ? result : Ok(new JsonObject { ["run_info"] = info });
        });

        app.MapPost($"{Api}/registered-models/create", async (HttpRequest request) =>
        {
            var name = (string?)(await BodyAsync(request))["name"];
            if (string.IsNullOrEmpty(name)) return Missing("name");
            return state.CreateModel(name, Now()) is { } model ? Ok(new JsonObject { ["registered_model"] = ModelJson(state, model) })
                : Error(400, "RESOURCE_ALREADY_EXISTS", $"Registered Model (name={name}) already exists.");
        });
        app.MapGet($"{Api}/registered-models/get", (string name) =>
            state.Model(name) is { } model ? Ok(new JsonObject { ["registered_model"] = ModelJson(state, model) }) : UnknownModel(name));
        app.MapGet($"{Api}/registered-models/alias", (string name, string alias) =>
        {
            if (state.Model(name) is not { } model) return UnknownModel(name);
            var version = state.Locked(() => model.Aliases.GetValueOrDefault(alias));
            return version is null ? Error(400, "INVALID_PARAMETER_VALUE", $"Registered model alias {alias} not found.")
                : Ok(new JsonObject { ["model_version"] = VersionJson(state, model, version) });
        });
        app.MapPost($"{Api}/registered-models/alias", async (HttpRequest request) =>
        {
            var body = await BodyAsync(request);
            var name = (string?)body["name"] ?? "";
            if (state.Model(name) is not { } model) return UnknownModel(name);
            var version = (string?)body["version"] ?? "";
            if (VersionJson(state, model, version) is null) return UnknownVersion(name, version);
            state.Locked(() => model.Aliases[(string?)body["alias"] ?? ""] = version);
            return Ok(new JsonObject());
        });
        app.MapDelete($"{Api}/registered-models/alias", (string name, string alias) =>
        {
            if (state.Model(name) is not { } model) return UnknownModel(name);
            state.Locked(() => model.Aliases.Remove(alias));
            return Ok(new JsonObject());
        });
        app.MapMethods($"{Api}/registered-models/get-latest-versions", ["GET", "POST"], async (HttpRequest request) =>
        {
            var name = request.Method == "GET" ? request.Query["name"].ToString() : (string?)(await BodyAsync(request))["name"] ?? "";
            if (state.Model(name) is not { } model) return UnknownModel(name);
            // Every version of the stand-in is in stage "None": the latest per stage is the highest version.
            var latest = state.Locked(() => model.Versions.MaxBy(v => int.Parse((string)v["version"]!, System.Globalization.CultureInfo.InvariantCulture)));
            var versions = new JsonArray();
            if (latest is not null) versions.Add(VersionJson(state, model, (string)latest["version"]!));
            return Ok(new JsonObject { ["model_versions"] = versions });
        });

        app.MapPost($"{Api}/model-versions/create", async (HttpRequest request) =>
        {
            var body = await BodyAsync(request);
            var name = (string?)body["name"] ?? "";
            var source = (string?)body["source"];
            if (string.IsNullOrEmpty(source)) return Missing("source");
            if (state.Model(name) is not { } model) return UnknownModel(name);
            var version = state.Locked(() =>
            {
                var number = (model.Versions.Count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
                model.Versions.Add(new JsonObject
                {
                    ["name"] = name,
                    ["version"] = number,
                    ["creation_timestamp"] = Now(),
                    ["last_updated_timestamp"] = Now(),
                    ["current_stage"] = "None",
                    ["description"] = (string?)body["description"] ?? "",
                    ["source"] = source,
                    ["run_id"] = (string?)body["run_id"] ?? "",
                    ["status"] = "READY",
                });
                return number;
            });
            return Ok(new JsonObject { ["model_version"] = VersionJson(state, model, version) });
        });
        app.MapGet($"{Api}/model-versions/get", (string name, string version) =>
        {
            if (state.Model(name) is not { } model) return UnknownModel(name);
            return VersionJson(state, model, version) is { } json ? Ok(new JsonObject { ["model_version"] = json }) : UnknownVersion(name, version);
        });
        app.MapGet($"{Api}/model-versions/get-download-uri", (string name, string version) =>
        {
            if (state.Model(name) is not { } model) return UnknownModel(name);
            if (VersionJson(state, model, version) is not { } json) return UnknownVersion(name, version);
            return Ok(new JsonObject { ["artifact_uri"] = DownloadUri(state, (string)json["source"]!) });
        });

        MapArtifacts(app, state);
    }

    /// <summary>The artifacts proxy: PUT uploads a file, GET of a file downloads it, GET of the root with <c>?path=</c> lists one level.</summary>
    private static void MapArtifacts(WebApplication app, MlflowStandInState state)
    {
        app.MapPut($"{ArtifactsApi}/{{**path}}", async (string path, HttpRequest request) =>
        {
            using var content = new MemoryStream();
            await request.Body.CopyToAsync(content);
            state.Artifacts[path] = content.ToArray();
            return Ok(new JsonObject());
        });
        app.MapGet($"{ArtifactsApi}/{{**path}}", (string path) =>
            state.Artifacts.TryGetValue(path, out var bytes) ? Results.Bytes(bytes, "application/octet-stream")
                : Error(404, "RESOURCE_DOES_NOT_EXIST", $"File {path} does not exist"));
        app.MapGet(ArtifactsApi, (string? path) =>
        {
            var prefix = string.IsNullOrEmpty(path) ? "" : path.TrimEnd('/') + "/";
            var entries = state.Artifacts.Where(a => a.Key.StartsWith(prefix, StringComparison.Ordinal))
                .Select(a => (Tail: a.Key[prefix.Length..], Size: a.Value.LongLength))
                .GroupBy(a => a.Tail.Split('/')[0])
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => g.Any(a => a.Tail.Contains('/'))
                    ? new JsonObject { ["path"] = g.Key, ["is_dir"] = true }
                    : new JsonObject { ["path"] = g.Key, ["is_dir"] = false, ["file_size"] = g.First().Size })
                .ToArray<JsonNode?>();
            // Like MLflow's protobuf JSON, an empty list is left out.
            return Ok(entries.Length == 0 ? new JsonObject() : new JsonObject { ["files"] = new JsonArray(entries) });
        });
    }

    private static string DownloadUri(MlflowStandInState state, string source)
    {
        if (!source.StartsWith("runs:/", StringComparison.Ordinal)) return source;
        var rest = source["runs:/".Length..];
        var slash = rest.IndexOf('/');
        var run = state.Run(slash < 0 ? rest : rest[..slash]);
        var artifactUri = (string?)run?["info"]?["artifact_uri"] ?? source;
        return slash < 0 ? artifactUri : $"{artifactUri}/{rest[(slash + 1)..]}";
    }

    private static JsonObject ModelJson(MlflowStandInState state, MlflowStandInState.RegisteredModel model) => state.Locked(() => new JsonObject
    {
        ["name"] = model.Name,
        ["creation_timestamp"] = model.Created,
        ["last_updated_timestamp"] = model.Created,
        ["aliases"] = new JsonArray(model.Aliases.Select(a => (JsonNode?)new JsonObject { ["alias"] = a.Key, ["version"] = a.Value }).ToArray()),
    });

    private static JsonObject? VersionJson(MlflowStandInState state, MlflowStandInState.RegisteredModel model, string version) => state.Locked(() =>
    {
        var found = model.Versions.FirstOrDefault(v => (string?)v["version"] == version);
        if (found is null) return null;
        var json = found.DeepClone().AsObject();
        json["aliases"] = new JsonArray(model.Aliases.Where(a => a.Value == version).Select(a => (JsonNode?)a.Key).ToArray());
        return json;
    });

    private static async Task<IResult> OnRunAsync(MlflowStandInState state, HttpRequest request, Action<JsonObject, JsonObject> change)
    {
        var body = await BodyAsync(request);
        var id = (string?)body["run_id"] ?? (string?)body["run_uuid"];
        if (string.IsNullOrEmpty(id)) return Missing("run_id");
        if (state.Run(id) is not { } run) return Error(404, "RESOURCE_DOES_NOT_EXIST", $"Run '{id}' not found");
        state.Locked(() =>
        {
            change(run, body);
            return 0;
        });
        return Ok(new JsonObject());
    }

    private static void Append(JsonObject run, string list, JsonNode item) => run["data"]![list]!.AsArray().Add(item);

    private static JsonObject Metric(JsonObject body) => new()
    {
        ["key"] = (string?)body["key"],
        ["value"] = (double?)body["value"],
        ["timestamp"] = (long?)body["timestamp"] ?? Now(),
        ["step"] = (long?)body["step"] ?? 0,
    };

    private static async Task<JsonObject> BodyAsync(HttpRequest request)
    {
        try
        {
            return await System.Text.Json.JsonSerializer.DeserializeAsync<JsonObject>(request.Body) ?? [];
        }
        catch (System.Text.Json.JsonException)
        {
            return [];
        }
    }

    private static long Now() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    private static IResult Ok(JsonObject body) => Results.Text(body.ToJsonString(), "application/json");

    private static IResult Error(int status, string code, string message) =>
        Results.Text(new JsonObject { ["error_code"] = code, ["message"] = message }.ToJsonString(), "application/json", statusCode: status);

    private static IResult Missing(string field) => Error(400, "INVALID_PARAMETER_VALUE", $"Missing value for required parameter '{field}'.");

    private static IResult UnknownModel(string name) => Error(404, "RESOURCE_DOES_NOT_EXIST", $"Registered Model with name={name} not found");

    private static IResult UnknownVersion(string name, string version) =>
        Error(404, "RESOURCE_DOES_NOT_EXIST", $"Model Version (name={name}, version={version}) not found");
}
