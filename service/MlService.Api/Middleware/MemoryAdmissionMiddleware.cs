namespace MlService.Api.Middleware;

/// <summary>
/// Sheds a request before its body is read when the memory it would hold does not fit (see
/// <see cref="MemoryAdmission"/>). It runs before the concurrency limit, because a queued request's body already
/// sits in the server's buffers. Probes and /metrics are exempt.
/// </summary>
public sealed class MemoryAdmissionMiddleware(RequestDelegate next, MemoryAdmission admission, MemoryShedResponses responses, IOptions<LimitsOptions> limits)
{
    public async Task InvokeAsync(HttpContext http)
    {
        if (http.IsProbe() || http.IsMetrics())
        {
            await next(http);
            return;
        }
        var cost = admission.CostOf(http.Request);
        var verdict = admission.TryEnter(cost);
        if (verdict != MemoryVerdict.Admitted)
        {
            await responses.WriteAsync(http, verdict, admission, cost, limits.Value.RetryAfterSeconds);
            return;
        }
        try
        {
            await next(http);
        }
        finally
        {
            admission.Leave(cost);
        }
    }
}
