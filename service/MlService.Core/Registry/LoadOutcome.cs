namespace MlService.Core.Registry;

/// <summary>What one refresh of a served model did.</summary>
public enum LoadResult
{
    /// <summary>The URI still points at the serving version.</summary>
    Unchanged,

    /// <summary>A new version was loaded, warmed and swapped in.</summary>
    Loaded,

    /// <summary>The new version failed; the previous one (if any) keeps serving.</summary>
    Failed,

    /// <summary>The store could not be reached; the previous version (if any) keeps serving.</summary>
    StoreUnavailable,
}

public sealed record LoadOutcome(LoadResult Result, string? Version, TimeSpan Duration, string? Reason = null);
