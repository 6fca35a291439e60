using Microsoft.AspNetCore.Http.HttpResults;
using static MlService.Api.Codecs.V2.V2Messages;
using static MlService.Api.Codecs.V2.V2RepositoryMessages;

namespace MlService.Api.Apis;

/// <summary>
/// The V2 model repository extension over the configured models: index, load and unload. The repository is the set of
/// models in configuration; load brings a model back from its configured URI (as a forced reload), unload stops serving it
/// (404 on every protocol, and polls leave it alone) without making the server unready. Load and unload change what is
/// served, so they are marked as admin endpoints; the index is read-only.
/// </summary>
public static class ModelRepositoryApi
{
    public const string Extension = "model_repository";
    public const string IndexName = "V2RepositoryIndex";
    public const string LoadName = "V2RepositoryLoad";
    public const string UnloadName = "V2RepositoryUnload";

    public static IEndpointRouteBuilder MapModelRepositoryApi(this IEndpointRouteBuilder app)
    {
        var repository = app.MapGroup("/v2/repository").WithTags(OpenInferenceApi.Tag).WithMetadata(KServeErrorShape.Instance);
        repository.MapPost("/index", Index).WithName(IndexName)
            .WithSummary("Every configured model with its version and state (READY, LOADING, UNAVAILABLE and why); {\"ready\": true} lists only ready ones")
            .ProducesProblems<KServeError>(StatusCodes.Status400BadRequest);
        repository.MapPost("/models/{name}/load", Load).WithName(LoadName).WithMetadata(new AdminEndpointMetadata())
            .WithSummary("Load the model from its configured URI (after an unload, or to pick up a new version now); 400 with the reason when it fails")
            .ProducesProblems<KServeError>(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status501NotImplemented);
        repository.MapPost("/models/{name}/unload", Unload).WithName(UnloadName).WithMetadata(new AdminEndpointMetadata())
            .WithSummary("Stop serving the model: its routes answer 404 until it is loaded again")
            .ProducesProblems<KServeError>(StatusCodes.Status404NotFound);
        return app;
    }

    public static async Task<Ok<List<V2RepositoryModel>>> Index(HttpContext http, ModelRegistry registry, InferenceSettings settings)
    {
        var readyOnly = false;
        using (var body = await ReadBodyAsync(http, settings))
        {
            if (body.RootElement.ValueKind == JsonValueKind.Object && body.RootElement.TryGetProperty("ready", out var ready))
                readyOnly = ready.ValueKind switch
                {
                    JsonValueKind.True => true,
                    JsonValueKind.False => false,
                    _ => throw new MalformedRequestException("'ready' must be true or false", "ready"),
                };
        }
        var models = registry.Models.Select(Describe).Where(m => !readyOnly || m.State == "READY").ToList();
        return TypedResults.Ok(models);
    }

    public static async Task<Ok<V2RepositoryLoaded>> Load(string name, HttpContext http, ModelRegistry registry, ModelRefresher refresher, InferenceSettings settings)
    {
        var model = registry.Get(name);
        using (var body = await ReadBodyAsync(http, settings))
        {
            // Triton's parameters carry a model configuration or model files to load instead of the repository's: not supported here.
            if (body.RootElement.ValueKind == JsonValueKind.Object && body.RootElement.TryGetProperty("parameters", out var parameters)
                && parameters.ValueKind == JsonValueKind.Object)
                RefuseLoadParameters(parameters.EnumerateObject().Select(p => p.Name).ToList());
        }
        await LoadAsync(model, refresher, http.RequestAborted);
        return TypedResults.Ok(new V2RepositoryLoaded(model.Name, true));
    }

    public static async Task<Ok<V2RepositoryUnloaded>> Unload(string name, HttpContext http, ModelRegistry registry, InferenceSettings settings, ServiceMetrics metrics)
    {
        var model = registry.Get(name);
        // unload_dependents (Triton ensembles) is accepted: no model here depends on another.
        using (await ReadBodyAsync(http, settings)) { }
        UnloadModel(model, registry, metrics);
        return TypedResults.Ok(new V2RepositoryUnloaded(model.Name, true));
    }

    /// <summary>Load parameters name a configuration or files to load instead of the repository's: 501 when any is given.</summary>
    public static void RefuseLoadParameters(IReadOnlyList<string> names)
    {
        if (names.Count > 0)
            throw new UnsupportedFeatureException($"load parameters ({string.Join(", ", names)}) are not supported; a model loads from its configured URI");
    }

    /// <summary>Loads the model from its configured URI now (shared by REST and gRPC); a failure is a 400 naming the reason.</summary>
    public static async Task LoadAsync(ServedModel model, ModelRefresher refresher, CancellationToken cancellationToken)
    {
        model.AllowLoad();
        var outcome = await refresher.RefreshAsync(model, cancellationToken);
        if (outcome.Result is LoadResult.Failed or LoadResult.StoreUnavailable)
        {
            var serving = model.Current is { } current ? $"; version {current.Version} keeps serving" : "";
            throw new ModelRepositoryException($"failed to load model '{model.Name}': {outcome.Reason}{serving}");
        }
    }

    /// <summary>Stops serving the model (shared by REST and gRPC).</summary>
    public static void UnloadModel(ServedModel model, ModelRegistry registry, ServiceMetrics metrics)
    {
        model.UnloadOnRequest();
        metrics.Publish(registry); // mlservice_model_ready / mlservice_models_ready drop now, not at the next load
    }

    /// <summary>Triton's index entry for a model.</summary>
    public static V2RepositoryModel Describe(ServedModel model) => model.State switch
    {
        ModelState.Ready => new(model.Name, model.Current?.Version, "READY", ""),
        ModelState.Loading => new(model.Name, null, "LOADING", ""),
        ModelState.Unloaded => new(model.Name, null, "UNAVAILABLE", "unloaded"),
        _ => new(model.Name, model.LastFailure?.Version, "UNAVAILABLE", model.LastFailure?.Reason ?? ""),
    };

    /// <summary>The optional JSON object body of a repository request (an empty body is an empty object).</summary>
    private static async Task<JsonDocument> ReadBodyAsync(HttpContext http, InferenceSettings settings)
    {
        using var body = await PooledRequestBody.ReadAsync(http.Request, settings.Options.MaxBodyBytes, http.RequestAborted);
        if (body.Data.IsEmpty) return JsonDocument.Parse("{}");
        if (!string.IsNullOrEmpty(http.Request.ContentType)) PooledRequestBody.RequireContentType(http.Request, "application/json");
        try
        {
            // Parsed from a copy: the document must outlive the pooled request buffer.
            var document = JsonDocument.Parse(body.Data.ToArray());
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                document.Dispose();
                throw new MalformedRequestException("the request body must be a JSON object");
            }
            return document;
        }
        catch (JsonException e)
        {
            throw new MalformedRequestException($"malformed JSON at line {e.LineNumber + 1}, byte {e.BytePositionInLine}", inner: e);
        }
    }
}
