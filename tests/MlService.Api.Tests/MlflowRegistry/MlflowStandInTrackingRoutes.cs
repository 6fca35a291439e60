using Microsoft.AspNetCore.Routing;
using static MlService.Api.Tests.MlflowRegistry.MlflowStandInRoutes;

namespace MlService.Api.Tests.MlflowRegistry;

/// <summary>
/// The tracking endpoints of the <see cref="MlflowStandIn"/>: <c>experiments/get-by-name|create</c> and
/// <c>runs/create|get|log-parameter|log-metric|log-batch|update</c>, with MLflow's field names and error bodies.
/// </summary>
public static class MlflowStandInTrackingRoutes
{
    public static void Map(WebApplication app, MlflowStandInState state)
    {
        app.MapGet($"{RestApi}/experiments/get-by-name", (string experiment_name) =>
            state.ExperimentByName(experiment_name) is { } e ? Ok(new JsonObject { ["experiment"] = e.DeepClone() })
                : Error(404, "RESOURCE_DOES_NOT_EXIST", $"Could not find experiment with name '{experiment_name}'"));
        app.MapPost($"{RestApi}/experiments/create", async (HttpRequest request) =>
        {
            var body = await BodyAsync(request);
            var name = (string?)body["name"];
            if (string.IsNullOrEmpty(name)) return Missing("name");
            return state.CreateExperiment(name) is { } e ? Ok(new JsonObject { ["experiment_id"] = (string?)e["experiment_id"] })
                : Error(400, "RESOURCE_ALREADY_EXISTS", $"Experiment(name={name}) already exists.");
        });

        app.MapPost($"{RestApi}/runs/create", async (HttpRequest request) =>
        {
            var body = await BodyAsync(request);
            var experiment = state.ExperimentById((string?)body["experiment_id"] ?? "");
            if (experiment is null) return Error(404, "RESOURCE_DOES_NOT_EXIST", $"No Experiment with id={(string?)body["experiment_id"]} exists");
            var run = state.CreateRun(experiment, (string?)body["run_name"], (long?)body["start_time"] ?? Now());
            return Ok(new JsonObject { ["run"] = run.DeepClone() });
        });
        app.MapGet($"{RestApi}/runs/get", (string run_id) =>
            state.Run(run_id) is { } run ? Ok(new JsonObject { ["run"] = state.Locked(() => run.DeepClone()) })
                : Error(404, "RESOURCE_DOES_NOT_EXIST", $"Run '{run_id}' not found"));
        app.MapPost($"{RestApi}/runs/log-parameter", async (HttpRequest request) =>
            await OnRunAsync(state, request, (run, body) => Append(run, "params", new JsonObject { ["key"] = (string?)body["key"], ["value"] = (string?)body["value"] })));
        app.MapPost($"{RestApi}/runs/log-metric", async (HttpRequest request) =>
            await OnRunAsync(state, request, (run, body) => Append(run, "metrics", Metric(body))));
        app.MapPost($"{RestApi}/runs/log-batch", async (HttpRequest request) => await OnRunAsync(state, request, (run, body) =>
        {
            foreach (var metric in body["metrics"]?.AsArray() ?? []) Append(run, "metrics", Metric(metric!.AsObject()));
            foreach (var param in body["params"]?.AsArray() ?? []) Append(run, "params", param!.DeepClone());
            foreach (var tag in body["tags"]?.AsArray() ?? []) Append(run, "tags", tag!.DeepClone());
        }));
        app.MapPost($"{RestApi}/runs/update", async (HttpRequest request) =>
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
    }

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
}
