using System.Text.Json.Nodes;

namespace MlService.LoadTest.Payloads;

/// <summary>What the load tool needs to know about the target model: its inputs and example rows.</summary>
public sealed record ModelInfo(string Name, string? Version, IReadOnlyList<FieldSpec> Inputs, JsonArray? InputExample);
