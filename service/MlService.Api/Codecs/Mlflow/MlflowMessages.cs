using System.Text.Json.Serialization;

namespace MlService.Api.Codecs.Mlflow;

/// <summary>MLflow scoring wire shapes, for the OpenAPI document (the endpoint reads and writes the bytes itself).</summary>
public static class MlflowMessages
{
    /// <summary>Exactly one of the four format keys, plus optional params.</summary>
    public sealed record MlflowScoringRequest(
        [property: JsonPropertyName("dataframe_split")] MlflowDataframeSplit? DataframeSplit,
        [property: JsonPropertyName("dataframe_records")] IReadOnlyList<IReadOnlyDictionary<string, JsonElement>>? DataframeRecords,
        [property: JsonPropertyName("instances")] IReadOnlyList<JsonElement>? Instances,
        [property: JsonPropertyName("inputs")] JsonElement? Inputs,
        [property: JsonPropertyName("params")] IReadOnlyDictionary<string, JsonElement>? Params);

    /// <summary>pandas "split" orient.</summary>
    public sealed record MlflowDataframeSplit(
        [property: JsonPropertyName("columns")] IReadOnlyList<string> Columns,
        [property: JsonPropertyName("data")] IReadOnlyList<IReadOnlyList<JsonElement>> Data,
        [property: JsonPropertyName("index")] IReadOnlyList<JsonElement>? Index);

    /// <summary>A list of rows (objects or values) for a column-based model; an object of output arrays for a tensor-based one.</summary>
    public sealed record MlflowPredictions([property: JsonPropertyName("predictions")] JsonElement Predictions);

    /// <summary>The MLflow keys on our problem+json error body.</summary>
    public sealed record MlflowError(
        [property: JsonPropertyName("error_code")] string ErrorCode,
        [property: JsonPropertyName("message")] string Message,
        [property: JsonPropertyName("status")] int Status,
        [property: JsonPropertyName("detail")] string Detail,
        [property: JsonPropertyName("errors")] IReadOnlyDictionary<string, string[]>? Errors);
}
