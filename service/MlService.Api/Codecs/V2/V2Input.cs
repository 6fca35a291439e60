namespace MlService.Api.Codecs.V2;

/// <summary>One input tensor of an inference request; its data stays a slice of the body until the target input is known.</summary>
public sealed record V2Input(int Index, string Name, long[] Shape, string Datatype, Range Data);
