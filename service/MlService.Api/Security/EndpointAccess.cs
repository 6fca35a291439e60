namespace MlService.Api.Security;

/// <summary>What the routed endpoint of a request asks of its caller, from the endpoint's markers.</summary>
public static class EndpointAccess
{
    public static AccessLevel Required(HttpContext http, bool protectMetrics)
    {
        if (http.IsProbe()) return AccessLevel.Open;
        if (http.IsMetrics()) return protectMetrics ? AccessLevel.ApiKey : AccessLevel.Open;
        return http.IsAdmin() ? AccessLevel.AdminKey : AccessLevel.ApiKey;
    }
}
