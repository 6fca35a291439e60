namespace MlService.Api.Middleware;

/// <summary>
/// Lets the <see cref="ConcurrencyLimiter"/>'s slots bound the requests that run; any request beyond running +
/// queue is refused at once with 503 + Retry-After. The wait observes <c>RequestAborted</c>, so the request
/// timeout and client disconnects end it. Our own small limiter rather than ASP.NET Core's: its middleware
/// answers a queued request whose wait was cancelled with an empty 200, which would hide the 504 of the request
/// timeout. Probes and /metrics are exempt.
/// </summary>
public sealed class ConcurrencyLimitMiddleware(RequestDelegate next, ConcurrencyLimiter limiter, IOptions<LimitsOptions> options, RejectionResponses rejections)
{
    public async Task InvokeAsync(HttpContext http)
    {
        // Probes and metrics must answer even when the server is saturated.
        if (http.IsProbe() || http.IsMetrics())
        {
            await next(http);
            return;
        }
        if (!limiter.TryAdmit())
        {
            await rejections.OverloadedAsync(http, options.Value.RetryAfterSeconds);
            return;
        }
        try
        {
            await limiter.EnterAsync(http.RequestAborted);
            try
            {
                await next(http);
            }
            finally
            {
                limiter.ExitSlot();
            }
        }
        finally
        {
            limiter.Leave();
        }
    }
}
