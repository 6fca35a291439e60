namespace MlService.LoadTest.Bodies;

/// <summary>One ready-to-send request body and how many rows it carries.</summary>
public sealed record RequestBody(byte[] Bytes, int Rows);
