namespace MlService.Api.Codecs.V2;

/// <summary>An Open Inference Protocol request: optional id, its input tensors, and the outputs asked for (null = all).</summary>
public sealed record V2Request(string? Id, IReadOnlyList<V2Input> Inputs, IReadOnlyList<string>? Outputs);
