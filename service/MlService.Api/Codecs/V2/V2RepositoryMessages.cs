using System.Text.Json.Serialization;

namespace MlService.Api.Codecs.V2;

/// <summary>
/// Bodies of the V2 model repository extension (Triton's <c>extension_model_repository.md</c>, also served by MLServer):
/// the index entries, and KServe's acknowledgements of load and unload.
/// </summary>
public static class V2RepositoryMessages
{
    /// <summary>
    /// One model of <c>POST /v2/repository/index</c>. <c>state</c> is Triton's: READY, LOADING, or UNAVAILABLE (failed,
    /// or unloaded on request) with the <c>reason</c>.
    /// </summary>
    public sealed record V2RepositoryModel(
        [property: JsonPropertyName("name")] string Name,
        [property: JsonPropertyName("version")][property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Version,
        [property: JsonPropertyName("state")] string State,
        [property: JsonPropertyName("reason")] string Reason);

    public sealed record V2RepositoryLoaded([property: JsonPropertyName("name")] string Name, [property: JsonPropertyName("load")] bool Load);

    public sealed record V2RepositoryUnloaded([property: JsonPropertyName("name")] string Name, [property: JsonPropertyName("unload")] bool Unload);
}
