using System.Diagnostics;

namespace MlService.Api.Middleware;

/// <summary>
/// Gives every request an id (the caller's <c>X-Request-Id</c> if it is sane, else a new one), echoes it and
/// the serving host in the response (<c>X-Served-By</c> shows a load tester which replica answered), and
/// writes one structured log line per request with status, latency, model and version.
/// </summary>
public sealed partial class RequestContextMiddleware(RequestDelegate next, ILogger<RequestContextMiddleware> logger)
{
    public const string RequestIdHeader = "X-Request-Id";
    private static readonly string ServedBy = Environment.MachineName;

    public async Task InvokeAsync(HttpContext http)
    {
        var started = Stopwatch.GetTimestamp();
        var requestId = http.Request.Headers[RequestIdHeader].ToString();
        if (!IsSane(requestId)) requestId = Guid.NewGuid().ToString("N");
        http.TraceIdentifier = requestId;
        http.Response.Headers[RequestIdHeader] = requestId;
        http.Response.Headers["X-Served-By"] = ServedBy;

        using var scope = logger.BeginScope(new RequestScope(requestId));
        try
        {
            await next(http);
        }
        finally
        {
            if (logger.IsEnabled(LogLevel.Information))
            {
                var headers = http.Response.Headers;
                LogRequest(http.Request.Method, http.Request.Path.Value ?? "", http.Response.StatusCode,
                    Stopwatch.GetElapsedTime(started).TotalMilliseconds, requestId,
                    headers["X-Model-Name"].ToString(), headers["X-Model-Version"].ToString());
            }
        }
    }

    /// <summary>Log scope carrying our request id, so every log line of the request can be found by it.</summary>
    private sealed class RequestScope(string requestId) : IReadOnlyList<KeyValuePair<string, object>>
    {
        public KeyValuePair<string, object> this[int index] => new("XRequestId", requestId);
        public int Count => 1;
        public IEnumerator<KeyValuePair<string, object>> GetEnumerator() { yield return this[0]; }
        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
        public override string ToString() => $"XRequestId:{requestId}";
    }

    /// <summary>Accept caller ids up to 128 visible ASCII characters; anything else could pollute logs.</summary>
    private static bool IsSane(string id) =>
        id.Length is > 0 and <= 128 && id.AsSpan().IndexOfAnyExceptInRange('!', '~') < 0;

    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "{Method} {Path} -> {Status} in {ElapsedMs:F2} ms (request {RequestId}, model {Model} v{ModelVersion})")]
    private partial void LogRequest(string method, string path, int status, double elapsedMs, string requestId, string model, string modelVersion);
}
