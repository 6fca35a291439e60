namespace MlService.Api.Security;

/// <summary>What a caller must present to use an endpoint when authentication is on.</summary>
public enum AccessLevel
{
    /// <summary>Probes (and metrics unless protected): the kubelet and Prometheus carry no key.</summary>
    Open,

    /// <summary>Predictions, model listings, docs, anything unknown: any API key (or admin key).</summary>
    ApiKey,

    /// <summary>Endpoints that change what is served (reload, load/unload): an admin key.</summary>
    AdminKey,
}
