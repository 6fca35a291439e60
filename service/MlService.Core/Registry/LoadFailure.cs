namespace MlService.Core.Registry;

/// <summary>The last failed load of a model: which version, why, when.</summary>
public sealed record LoadFailure(string? Version, string Reason, DateTimeOffset At);
