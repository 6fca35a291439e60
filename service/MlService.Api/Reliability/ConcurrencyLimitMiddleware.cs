using Microsoft.Extensions.Options;

namespace MlService.Api.Reliability;

/// <summary>
/// At most <see cref="LimitsOptions.MaxConcurrentRequests"/> requests run at once and
/// <see cref="LimitsOptions.QueueLimit"/> wait (FIFO, asynchronously: no thread held); any more is refused at
/// once with 503 + Retry-After. The wait observes <c>RequestAborted</c>, so the request timeout and client
/// disconnects end it. Our own small limiter rather than ASP.NET Core's: its middleware answers a queued
/// request whose wait was cancelled with an empty 200, which would hide the 504 of the request timeout.
/// Thread-safe.
/// </summary>
public sealed class ConcurrencyLimitMiddleware(RequestDelegate next, IOptions<LimitsOptions> options, RejectionResponses rejections)
{
    private readonly SemaphoreSlim _slots = new(Math.Max(options.Value.MaxConcurrentRequests, 1));
    private readonly int _capacity = options.Value.MaxConcurrentRequests + options.Value.QueueLimit;
    private int _admitted; // running + waiting

    public async Task InvokeAsync(HttpContext http)
    {
        if (EndpointAccess.IsExemptFromLimits(http))
        {
            await next(http);
            return;
        }
        if (Interlocked.Increment(ref _admitted) > _capacity)
        {
            Interlocked.Decrement(ref _admitted);
            await rejections.OverloadedAsync(http, options.Value.RetryAfterSeconds);
            return;
        }
        try
        {
            await _slots.WaitAsync(http.RequestAborted);
            try
            {
                await next(http);
            }
            finally
            {
                _slots.Release();
            }
        }
        finally
        {
            Interlocked.Decrement(ref _admitted);
        }
    }
}
