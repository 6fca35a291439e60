namespace MlService.Api.Codecs.V2;

/// <summary>An Open Inference Protocol request: optional id, its input tensors, and the outputs asked for (null = all).</summary>
public sealed record V2Request(string? Id, IReadOnlyList<V2Input> Inputs, IReadOnlyList<V2RequestedOutput>? Outputs);

/// <summary>
/// One output asked for by name; <paramref name="Classification"/> &gt; 0 asks for Triton's classification extension
/// (<c>"parameters": {"classification": k}</c>): the top k classes of each row as BYTES <c>"score:index:label"</c>.
/// </summary>
public sealed record V2RequestedOutput(string Name, int Classification = 0);
