using System.Text.Json.Serialization;

namespace MlService.Benchmarks.Ceiling;

/// <summary>Source-generated (de)serialisers: the fastest System.Text.Json path, as a tuned bare endpoint would use.</summary>
[JsonSerializable(typeof(HeartRecord))]
[JsonSerializable(typeof(HeartRecord[]))]
[JsonSerializable(typeof(CeilingSingleResponse))]
[JsonSerializable(typeof(CeilingBatchResponse))]
internal sealed partial class CeilingJsonContext : JsonSerializerContext;
