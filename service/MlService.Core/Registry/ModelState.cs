namespace MlService.Core.Registry;

/// <summary>Lifecycle of a served model as probes and <c>GET /models/{name}</c> report it.</summary>
public enum ModelState
{
    /// <summary>No version loaded yet; the first load is running or retrying.</summary>
    Loading,

    /// <summary>A version is loaded, warmed and serving.</summary>
    Ready,

    /// <summary>No version is loaded and the last attempt failed (it is retried).</summary>
    Failed,

    /// <summary>Unloaded on request (V2 model repository API): not served and not reloaded until asked to load.</summary>
    Unloaded,
}
