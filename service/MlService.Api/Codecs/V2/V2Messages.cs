using System.Text.Json.Serialization;

namespace MlService.Api.Codecs.V2;

/// <summary>Open Inference Protocol (KServe V2) wire shapes: bodies of the metadata routes, and the inference schemas for the OpenAPI document.</summary>
public static class V2Messages
{
    public sealed record V2ServerMetadata(
        [property: JsonPropertyName("name")] string Name,
        [property: JsonPropertyName("version")] string Version,
        [property: JsonPropertyName("extensions")] IReadOnlyList<string> Extensions);

    public sealed record V2ServerLive([property: JsonPropertyName("live")] bool Live);

    public sealed record V2ServerReady(
        [property: JsonPropertyName("ready")] bool Ready,
        [property: JsonPropertyName("error")][property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Error = null);

    public sealed record V2ModelReady([property: JsonPropertyName("name")] string Name, [property: JsonPropertyName("ready")] bool Ready);

    /// <summary><c>$metadata_tensor</c>: -1 marks a variable dimension (the batch).</summary>
    public sealed record V2TensorMetadata(
        [property: JsonPropertyName("name")] string Name,
        [property: JsonPropertyName("datatype")] string Datatype,
        [property: JsonPropertyName("shape")] IReadOnlyList<long> Shape);

    public sealed record V2ModelMetadata(
        [property: JsonPropertyName("name")] string Name,
        [property: JsonPropertyName("versions")] IReadOnlyList<string> Versions,
        [property: JsonPropertyName("platform")] string Platform,
        [property: JsonPropertyName("inputs")] IReadOnlyList<V2TensorMetadata> Inputs,
        [property: JsonPropertyName("outputs")] IReadOnlyList<V2TensorMetadata> Outputs);

    public sealed record V2InferenceRequest(
        [property: JsonPropertyName("id")] string? Id,
        [property: JsonPropertyName("parameters")] IReadOnlyDictionary<string, JsonElement>? Parameters,
        [property: JsonPropertyName("inputs")] IReadOnlyList<V2RequestInput> Inputs,
        [property: JsonPropertyName("outputs")] IReadOnlyList<V2RequestOutput>? Outputs);

    /// <summary><c>data</c> is row-major, flat (<c>[1, 2, 3, 4]</c>) or nested (<c>[[1, 2], [3, 4]]</c>); BYTES as strings.</summary>
    public sealed record V2RequestInput(
        [property: JsonPropertyName("name")] string Name,
        [property: JsonPropertyName("shape")] IReadOnlyList<long> Shape,
        [property: JsonPropertyName("datatype")] string Datatype,
        [property: JsonPropertyName("parameters")] IReadOnlyDictionary<string, JsonElement>? Parameters,
        [property: JsonPropertyName("data")] IReadOnlyList<JsonElement> Data);

    public sealed record V2RequestOutput(
        [property: JsonPropertyName("name")] string Name,
        [property: JsonPropertyName("parameters")] IReadOnlyDictionary<string, JsonElement>? Parameters);

    public sealed record V2InferenceResponse(
        [property: JsonPropertyName("model_name")] string ModelName,
        [property: JsonPropertyName("model_version")] string ModelVersion,
        [property: JsonPropertyName("id")] string Id,
        [property: JsonPropertyName("outputs")] IReadOnlyList<V2ResponseOutput> Outputs);

    public sealed record V2ResponseOutput(
        [property: JsonPropertyName("name")] string Name,
        [property: JsonPropertyName("datatype")] string Datatype,
        [property: JsonPropertyName("shape")] IReadOnlyList<long> Shape,
        [property: JsonPropertyName("data")] IReadOnlyList<JsonElement> Data);

    /// <summary>KServe's error key on our problem+json body (V2 and V1 routes).</summary>
    public sealed record KServeError(
        [property: JsonPropertyName("error")] string Error,
        [property: JsonPropertyName("status")] int Status,
        [property: JsonPropertyName("detail")] string Detail);
}
