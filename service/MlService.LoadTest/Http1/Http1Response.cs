namespace MlService.LoadTest.Http1;

/// <summary>What a load test keeps of one response: its status, its X-Served-By value, and whether the connection ends with it.</summary>
public readonly record struct Http1Response(int Status, string? ServedBy, bool ConnectionClose);
