using Microsoft.AspNetCore.Routing;

namespace MlService.Api.Tests.MlflowRegistry;

/// <summary>
/// The Model Registry endpoints of the <see cref="MlflowStandIn"/> (tracking and artifacts are beside it) and the wire
/// rules all of them share, following MLflow's REST API reference: paths under
/// <c>/api/2.0/mlflow/</c>, GET parameters in the query string, POST bodies in JSON, int64 fields as JSON numbers,
/// errors as <c>{"error_code": ..., "message": ...}</c> with MLflow's status for each code and MLflow's wording.
/// </summary>
public static class MlflowStandInRoutes
{
    internal const string RestApi = "/api/2.0/mlflow";

    public static void Map(WebApplication app, MlflowStandInState state)
    {
        MlflowStandInTrackingRoutes.Map(app, state);

        app.MapPost($"{RestApi}/registered-models/create", async (HttpRequest request) =>
        {
            var name = (string?)(await BodyAsync(request))["name"];
            if (string.IsNullOrEmpty(name)) return Missing("name");
            return state.CreateModel(name, Now()) is { } model ? Ok(new JsonObject { ["registered_model"] = ModelJson(state, model) })
                : Error(400, "RESOURCE_ALREADY_EXISTS", $"Registered Model (name={name}) already exists.");
        });
        app.MapGet($"{RestApi}/registered-models/get", (string name) =>
            state.Model(name) is { } model ? Ok(new JsonObject { ["registered_model"] = ModelJson(state, model) }) : UnknownModel(name));
        app.MapGet($"{RestApi}/registered-models/alias", (string name, string alias) =>
        {
            if (state.Model(name) is not { } model) return UnknownModel(name);
            var version = state.Locked(() => model.Aliases.GetValueOrDefault(alias));
            return version is null ? Error(400, "INVALID_PARAMETER_VALUE", $"Registered model alias {alias} not found.")
                : Ok(new JsonObject { ["model_version"] = VersionJson(state, model, version) });
        });
        app.MapPost($"{RestApi}/registered-models/alias", async (HttpRequest request) =>
        {
            var body = await BodyAsync(request);
            var name = (string?)body["name"] ?? "";
            if (state.Model(name) is not { } model) return UnknownModel(name);
            var version = (string?)body["version"] ?? "";
            if (VersionJson(state, model, version) is null) return UnknownVersion(name, version);
            state.Locked(() => model.Aliases[(string?)body["alias"] ?? ""] = version);
            return Ok(new JsonObject());
        });
        app.MapDelete($"{RestApi}/registered-models/alias", (string name, string alias) =>
        {
            if (state.Model(name) is not { } model) return UnknownModel(name);
            state.Locked(() => model.Aliases.Remove(alias));
            return Ok(new JsonObject());
        });
        app.MapMethods($"{RestApi}/registered-models/get-latest-versions", ["GET", "POST"], async (HttpRequest request) =>
        {
            var name = request.Method == "GET" ? request.Query["name"].ToString() : (string?)(await BodyAsync(request))["name"] ?? "";
            if (state.Model(name) is not { } model) return UnknownModel(name);
            // Every version of the stand-in is in stage "None": the latest per stage is the highest version.
            var latest = state.Locked(() => model.Versions.MaxBy(v => int.Parse((string)v["version"]!, System.Globalization.CultureInfo.InvariantCulture)));
            var versions = new JsonArray();
            if (latest is not null) versions.Add(VersionJson(state, model, (string)latest["version"]!));
            return Ok(new JsonObject { ["model_versions"] = versions });
        });

        app.MapPost($"{RestApi}/model-versions/create", async (HttpRequest request) =>
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
        app.MapGet($"{RestApi}/model-versions/get", (string name, string version) =>
        {
            if (state.Model(name) is not { } model) return UnknownModel(name);
            return VersionJson(state, model, version) is { } json ? Ok(new JsonObject { ["model_version"] = json }) : UnknownVersion(name, version);
        });
        app.MapGet($"{RestApi}/model-versions/get-download-uri", (string name, string version) =>
        {
            if (state.Model(name) is not { } model) return UnknownModel(name);
            if (VersionJson(state, model, version) is not { } json) return UnknownVersion(name, version);
            return Ok(new JsonObject { ["artifact_uri"] = DownloadUri(state, (string)json["source"]!) });
        });

        MlflowStandInArtifactRoutes.Map(app, state);
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

    internal static async Task<JsonObject> BodyAsync(HttpRequest request)
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

    internal static long Now() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    internal static IResult Ok(JsonObject body) => Results.Text(body.ToJsonString(), "application/json");

    internal static IResult Error(int status, string code, string message) =>
        Results.Text(new JsonObject { ["error_code"] = code, ["message"] = message }.ToJsonString(), "application/json", statusCode: status);

    internal static IResult Missing(string field) => Error(400, "INVALID_PARAMETER_VALUE", $"Missing value for required parameter '{field}'.");

    private static IResult UnknownModel(string name) => Error(404, "RESOURCE_DOES_NOT_EXIST", $"Registered Model with name={name} not found");

    private static IResult UnknownVersion(string name, string version) =>
        Error(404, "RESOURCE_DOES_NOT_EXIST", $"Model Version (name={name}, version={version}) not found");
}
