using MlService.Api.Apis;

namespace MlService.Api.Reliability;

/// <summary>Classifies the routed endpoint of a request for the limiter and the API-key check.</summary>
public static class EndpointAccess
{
    /// <summary>
    /// Endpoints (by their OpenAPI operation name) that change what the service serves. Names rather than
    /// metadata so the protocol files need no reliability code; a new admin endpoint is added here.
    /// </summary>
    public static readonly IReadOnlySet<string> AdminEndpointNames = new HashSet<string>(StringComparer.Ordinal)
    {
        "ReloadModel",
        ModelRepositoryApi.LoadName,
        ModelRepositoryApi.UnloadName,
    };

    public static bool IsProbe(HttpContext http) => http.GetEndpoint()?.Metadata.GetMetadata<ProbeEndpointMetadata>() is not null;

    public static bool IsMetrics(HttpContext http) => http.GetEndpoint()?.Metadata.GetMetadata<MetricsEndpointMetadata>() is not null;

    /// <summary>Probes and metrics must answer even when the server is saturated.</summary>
    public static bool IsExemptFromLimits(HttpContext http) => IsProbe(http) || IsMetrics(http);

    public static AccessLevel Required(HttpContext http, bool protectMetrics)
    {
        if (IsProbe(http)) return AccessLevel.Open;
        if (IsMetrics(http)) return protectMetrics ? AccessLevel.ApiKey : AccessLevel.Open;
        var name = http.GetEndpoint()?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName;
        return name is not null && AdminEndpointNames.Contains(name) ? AccessLevel.AdminKey : AccessLevel.ApiKey;
    }
}
