using System.Text.Json.Serialization;

namespace MlService.Benchmarks.Ceiling;

/// <summary>Same shape as MlService's single-row answer: <c>{"model_name","model_version","prediction":{...}}</c>.</summary>
public sealed record CeilingSingleResponse(
    [property: JsonPropertyName("model_name")] string ModelName,
    [property: JsonPropertyName("model_version")] string ModelVersion,
    [property: JsonPropertyName("prediction")] CeilingPrediction Prediction);

/// <summary>Same shape as MlService's batch answer: <c>{"model_name","model_version","predictions":[...]}</c>.</summary>
public sealed record CeilingBatchResponse(
    [property: JsonPropertyName("model_name")] string ModelName,
    [property: JsonPropertyName("model_version")] string ModelVersion,
    [property: JsonPropertyName("predictions")] CeilingPrediction[] Predictions);
