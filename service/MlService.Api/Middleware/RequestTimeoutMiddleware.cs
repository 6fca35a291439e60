using System.Collections.Concurrent;

namespace MlService.Api.Middleware;

/// <summary>
/// <see cref="LimitsOptions.RequestTimeoutSeconds"/>: <c>RequestAborted</c> becomes a token that fires at the
/// deadline or when the client goes away, so the body read, the limiter's queue and the checks around the model
/// stop there; a request cancelled by the deadline before its response started is answered 504 problem+json.
/// What ASP.NET Core's request-timeouts middleware does for a default policy, but cheaper per request: one pooled
/// timer source and one registration, no linked source and no request feature. Measured in isolation, it took
/// less time than the framework's in 14 of 14 rounds (median 1.3 µs less, ~6 % of a single-record prediction's CPU)
/// and allocates nothing where the framework's allocates 160 bytes (docs/architecture.md, "The fast path"). Registered only when the timeout is on. Thread-safe.
/// </summary>
public sealed class RequestTimeoutMiddleware(RequestDelegate next, IOptions<LimitsOptions> options, RejectionResponses rejections)
{
    private const int PoolSize = 256;

    private readonly TimeSpan _timeout = TimeSpan.FromSeconds(options.Value.RequestTimeoutSeconds);
    private readonly ConcurrentQueue<CancellationTokenSource> _pool = new();

    public async Task InvokeAsync(HttpContext http)
    {
        var clientAborted = http.RequestAborted;
        var deadline = Rent();
        deadline.CancelAfter(_timeout);
        var forward = clientAborted.UnsafeRegister(static source => ((CancellationTokenSource)source!).Cancel(), deadline);
        http.RequestAborted = deadline.Token;
        try
        {
            await next(http);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !clientAborted.IsCancellationRequested && !http.Response.HasStarted)
        {
            http.Response.Clear();
            await rejections.TimedOutAsync(http);
        }
        finally
        {
            http.RequestAborted = clientAborted;
            forward.Dispose();
            Return(deadline);
        }
    }

    private CancellationTokenSource Rent() => _pool.TryDequeue(out var source) ? source : new CancellationTokenSource();

    /// <summary>A source that fired cannot be reused; one that did not is reset (its timer stopped) and pooled.</summary>
    private void Return(CancellationTokenSource source)
    {
        if (_pool.Count < PoolSize && source.TryReset()) _pool.Enqueue(source);
        else source.Dispose();
    }
}
