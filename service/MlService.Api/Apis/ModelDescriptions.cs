using System.Text.Json.Nodes;
using MlService.Core.Models;

namespace MlService.Api.Apis;

/// <summary>One line of <c>GET /models</c>.</summary>
public sealed record ModelSummary(string Name, string? Version, string? Flavor, string Status, bool Default);

/// <summary>Body of <c>GET /models/{name}</c>: what a client needs to call the model, and its health.</summary>
public sealed record ModelDetails(
    string Name,
    string? Version,
    string? Flavor,
    string Status,
    string Uri,
    bool Default,
    JsonObject? Signature,
    JsonArray? InputExample,
    IReadOnlyDictionary<string, double>? Metrics,
    DateTimeOffset? LoadedAt,
    double? LoadSeconds,
    LastErrorDescription? LastError);

public sealed record LastErrorDescription(string? Version, string Message, DateTimeOffset At);

/// <summary>Builds the model descriptions from the registry.</summary>
public static class ModelDescriptions
{
    public static ModelSummary Summary(ServedModel model, ModelRegistry registry) => new(
        model.Name, model.Current?.Version, model.Current?.Flavor, Status(model), ReferenceEquals(model, registry.Default));

    public static ModelDetails Details(ServedModel model, ModelRegistry registry)
    {
        var current = model.Current;
        var failure = model.LastFailure;
        return new ModelDetails(
            model.Name,
            current?.Version,
            current?.Flavor,
            Status(model),
            model.Uri.Original,
            ReferenceEquals(model, registry.Default),
            current is null ? null : Signature(current.Model.Signature),
            current is null ? null : InputExample.Load(current.Directory),
            current?.Directory.MlModel.MlService.Metrics,
            current?.LoadedAt,
            current?.LoadDuration.TotalSeconds,
            failure is null ? null : new LastErrorDescription(failure.Version, failure.Reason, failure.At));
    }

    public static string Status(ServedModel model) => model.State switch
    {
        ModelState.Ready when model.LastFailure is not null => "ready_with_failed_update",
        ModelState.Ready => "ready",
        ModelState.Failed => "failed",
        ModelState.Unloaded => "unloaded",
        _ => "loading",
    };

    /// <summary>The signature in MLflow's JSON vocabulary (column type names, tensor specs).</summary>
    public static JsonObject Signature(ModelSignature signature) => new()
    {
        ["inputs"] = JsonNode.Parse(SignatureJson.Write(signature.Inputs)),
        ["outputs"] = JsonNode.Parse(SignatureJson.Write(signature.Outputs)),
    };
}
