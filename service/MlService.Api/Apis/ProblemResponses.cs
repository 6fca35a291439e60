namespace MlService.Api.Apis;

/// <summary>
/// The error answers a route documents in OpenAPI: each status with the protocol's error body as
/// <c>application/problem+json</c>, so that a route lists its statuses instead of one <c>Produces</c> line each.
/// </summary>
public static class ProblemResponses
{
    public static RouteHandlerBuilder ProducesProblems<TError>(this RouteHandlerBuilder route, params int[] statuses)
    {
        foreach (var status in statuses) route.Produces<TError>(status, "application/problem+json");
        return route;
    }
}
