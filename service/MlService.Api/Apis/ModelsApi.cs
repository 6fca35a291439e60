using Microsoft.AspNetCore.Http.HttpResults;

namespace MlService.Api.Apis;

/// <summary>Model listing, details and forced reload.</summary>
public static class ModelsApi
{
    public const string Tag = "Models";

    public static IEndpointRouteBuilder MapModelsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/models").WithTags(Tag);

        api.MapGet("", ListModels)
            .WithName("ListModels")
            .WithSummary("List served models with their version and status");

        api.MapGet("/{name}", GetModel)
            .WithName("GetModel")
            .WithSummary("Version, flavor, signature, input example, metrics and status of a model");

        api.MapPost("/{name}/reload", ReloadModel)
            .WithName("ReloadModel")
            .WithSummary("Check the model's store now and swap in a new version if there is one")
            .WithMetadata(new AdminEndpointMetadata());

        return app;
    }

    public static Ok<ModelList> ListModels(ModelRegistry registry) =>
        TypedResults.Ok(new ModelList(registry.Models.Select(m => ModelDescriptions.Summary(m, registry)).ToList()));

    public static ModelDetails GetModel(string name, ModelRegistry registry) =>
        ModelDescriptions.Details(registry.Get(name), registry);

    public static async Task<Ok<ReloadResult>> ReloadModel(string name, ModelRegistry registry, ModelRefresher refresher, CancellationToken ct)
    {
        var model = registry.Get(name);
        var outcome = await refresher.RefreshAsync(model, ct);
        return TypedResults.Ok(new ReloadResult(model.Name, JsonNamingPolicy.SnakeCaseLower.ConvertName(outcome.Result.ToString()), model.Current?.Version, outcome.Reason));
    }
}

public sealed record ModelList(IReadOnlyList<ModelSummary> Models);

public sealed record ReloadResult(string Name, string Outcome, string? Version, string? Reason);
