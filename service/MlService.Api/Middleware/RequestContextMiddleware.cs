using System.Diagnostics;

namespace MlService.Api.Middleware;

/// <summary>
/// Gives every request an id (the caller's <c>X-Request-Id</c> if it is sane, else a new one), echoes it and
/// the serving host in the response (<c>X-Served-By</c> shows a load tester which replica answered), and
/// writes one structured log line per request with status, latency, model and version: errors at
/// Information (4xx), Warning (503) and Error (other 5xx), successes at Debug — a console line per success costs a third of the
/// throughput, so it is opt-in: <c>Logging__LogLevel__MlService.Api.Requests=Debug</c>. It is the outermost
/// middleware, so it also records <see cref="HttpRequestMetrics"/> with the final status, and gives an error status
/// that has no body yet (404 for an unknown path, 405, ...) a problem+json body — what <c>UseStatusCodePages</c>
/// does, without its per-request feature, which cost ~5 % of a single-record prediction.
/// </summary>
public sealed partial class RequestContextMiddleware(RequestDelegate next, ILoggerFactory loggers, HttpRequestMetrics metrics, IProblemDetailsService problems)
{
    /// <summary>Log category of the per-request lines.</summary>
    public const string LogCategory = "MlService.Api.Requests";

    private readonly ILogger _logger = loggers.CreateLogger(LogCategory);

    public const string RequestIdHeader = "X-Request-Id";
    private static readonly string ServedBy = Environment.MachineName;

    public async Task InvokeAsync(HttpContext http)
    {
        var started = Stopwatch.GetTimestamp();
        var endpoint = http.GetEndpoint(); // routing runs first (WebApplication adds it); the exception handler clears it later
        var requestId = http.Request.Headers[RequestIdHeader].ToString();
        if (!IsSane(requestId)) requestId = NewRequestId();
        http.TraceIdentifier = requestId;
        http.Response.Headers[RequestIdHeader] = requestId;
        http.Response.Headers["X-Served-By"] = ServedBy;

        using var scope = _logger.IsEnabled(LogLevel.Debug) ? _logger.BeginScope(new RequestScope(requestId)) : null;
        try
        {
            await next(http);
            if (NeedsProblemBody(http.Response))
                await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = { Status = http.Response.StatusCode } });
        }
        finally
        {
            var elapsed = Stopwatch.GetElapsedTime(started);
            metrics.Observe(http, endpoint, elapsed.TotalSeconds);
            var status = http.Response.StatusCode;
            var level = status switch
            {
                StatusCodes.Status503ServiceUnavailable => LogLevel.Warning,
                >= 500 => LogLevel.Error,
                >= 400 => LogLevel.Information,
                _ => LogLevel.Debug,
            };
            if (_logger.IsEnabled(level))
            {
                var headers = http.Response.Headers;
                LogRequest(_logger, level, http.Request.Method, http.Request.Path.Value ?? "", status,
                    elapsed.TotalMilliseconds, requestId,
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

    private static readonly ulong ProcessPrefix = BitConverter.ToUInt64(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8));
    private static long _requestCounter;

    /// <summary>
    /// 32 hex digits like a GUID without dashes: a random prefix drawn once per process, then a counter, so ids are
    /// unique across replicas and restarts without a random draw (a system call) per request.
    /// </summary>
    private static string NewRequestId() =>
        string.Create(32, (Prefix: ProcessPrefix, Counter: (ulong)Interlocked.Increment(ref _requestCounter)), static (chars, ids) =>
        {
            ids.Prefix.TryFormat(chars, out _, "x16", System.Globalization.CultureInfo.InvariantCulture);
            ids.Counter.TryFormat(chars[16..], out _, "x16", System.Globalization.CultureInfo.InvariantCulture);
        });

    /// <summary>An error status whose body nobody wrote (the conditions of the framework's status code pages).</summary>
    private static bool NeedsProblemBody(HttpResponse response) =>
        response.StatusCode is >= 400 and < 600 && !response.HasStarted && response.ContentLength is null && string.IsNullOrEmpty(response.ContentType);

    /// <summary>Accept caller ids up to 128 visible ASCII characters; anything else could pollute logs.</summary>
    private static bool IsSane(string id) =>
        id.Length is > 0 and <= 128 && id.AsSpan().IndexOfAnyExceptInRange('!', '~') < 0;

    [LoggerMessage(EventId = 1, Message = "{Method} {Path} -> {Status} in {ElapsedMs:F2} ms (request {RequestId}, model {Model} v{ModelVersion})")]
    private static partial void LogRequest(ILogger logger, LogLevel level, string method, string path, int status, double elapsedMs, string requestId, string model, string modelVersion);
}
