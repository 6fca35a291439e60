namespace MlService.Api.Reliability;

/// <summary>What memory admission decided for one request.</summary>
public enum MemoryVerdict
{
    Admitted,

    /// <summary>The requests in flight plus this one would hold more than the in-flight share of the limit: 503.</summary>
    OverBudget,

    /// <summary>The container's working set is at the high-water mark while other requests run: 503.</summary>
    HighWater,

    /// <summary>This request alone needs more than the whole in-flight budget: no retry helps here, 413.</summary>
    TooLarge,
}
