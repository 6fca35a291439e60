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

    /// <summary>A poll found the URI still at a version that already failed; it is not loaded again until the URI moves or a reload is forced.</summary>
    KnownFailure,
}

public sealed record LoadOutcome(LoadResult Result, string? Version, TimeSpan Duration, string? Reason = null);
