using System.Text.Json.Serialization;

namespace MlService.Api.Codecs.V1;

/// <summary>KServe V1 (TF-Serving REST shaped) wire shapes.</summary>
public static class V1Messages
{
    public sealed record V1ModelList([property: JsonPropertyName("models")] IReadOnlyList<string> Models);

    public sealed record V1ModelStatus([property: JsonPropertyName("name")] string Name, [property: JsonPropertyName("ready")] bool Ready);

    /// <summary>Rows as objects keyed by input name or arrays in signature order; <c>inputs</c> is read as <c>instances</c>.</summary>
    public sealed record V1PredictRequest(
        [property: JsonPropertyName("instances")] IReadOnlyList<JsonElement>? Instances,
        [property: JsonPropertyName("inputs")] IReadOnlyList<JsonElement>? Inputs);

    /// <summary>One element per row: a row object for a model with several outputs, the value for one output.</summary>
    public sealed record V1PredictResponse([property: JsonPropertyName("predictions")] IReadOnlyList<JsonElement> Predictions);
}
