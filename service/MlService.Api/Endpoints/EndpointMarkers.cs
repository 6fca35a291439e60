namespace MlService.Api.Endpoints;

/// <summary>
/// Reads the markers of the routed endpoint. The protocol files only mark their endpoints; what a marker means
/// (no limit, no key, admin key) is decided by the middlewares that read it.
/// </summary>
public static class EndpointMarkers
{
    public static bool IsProbe(this HttpContext http) => Has<ProbeEndpointMetadata>(http);

    public static bool IsMetrics(this HttpContext http) => Has<MetricsEndpointMetadata>(http);

    public static bool IsAdmin(this HttpContext http) => Has<AdminEndpointMetadata>(http);

    private static bool Has<T>(HttpContext http) where T : class => http.GetEndpoint()?.Metadata.GetMetadata<T>() is not null;
}
