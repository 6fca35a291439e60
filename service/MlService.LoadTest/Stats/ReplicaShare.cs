namespace MlService.LoadTest.Stats;

/// <summary>Responses one replica (its <c>X-Served-By</c> value) gave, and their share of all responses in percent.</summary>
public sealed record ReplicaShare(string Name, long Requests, double Percent);
