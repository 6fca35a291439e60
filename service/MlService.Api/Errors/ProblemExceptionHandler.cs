using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace MlService.Api.Errors;

/// <summary>
/// Maps every exception to <c>application/problem+json</c> once: our typed errors carry their status; a
/// malformed request the server itself rejects keeps its status; anything else is a 500 that names no
/// internals. Never a stack trace on the wire.
/// </summary>
public sealed partial class ProblemExceptionHandler(IProblemDetailsService problems, ServiceMetrics metrics, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            MlServiceException known => FromKnown(http, known),
            BadHttpRequestException bad => new ProblemDetails
            {
                Status = bad.StatusCode,
                Title = bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Payload too large" : "Bad request",
                Detail = bad.Message,
            },
            // System.Text.Json checks a string's UTF-8 and \u escapes only when it is read (GetString), with an
            // InvalidOperationException: bad text from any protocol's body surfaces here (found by the fuzz test).
            InvalidOperationException text when IsInvalidJsonText(text) => new ProblemDetails
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "Malformed request",
                Detail = "a JSON string in the body is not valid UTF-8 or has an unpaired \\u surrogate escape",
            },
            OperationCanceledException when http.RequestAborted.IsCancellationRequested => null,
            _ => new ProblemDetails
            {
                Status = StatusCodes.Status500InternalServerError,
                Title = "Internal server error",
                Detail = "The server failed while handling the request; the error is logged with the request id.",
            },
        };
        if (problem is null) return true; // the client went away: nothing to answer
        ProtocolErrorShape.Of(http)?.Apply(problem, exception); // MLflow/KServe routes: their status and keys as well
        // Only faults get a stack in the log; a 503 "model not loaded" is a state, reported by the request log line.
        if (problem.Status == StatusCodes.Status500InternalServerError) LogServerError(exception, http.Request.Method, http.Request.Path, 500, http.TraceIdentifier);

        metrics.Rejected(problem.Status ?? 500);
        http.Response.StatusCode = problem.Status ?? 500;
        await problems.WriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem, Exception = exception });
        return true;
    }

    private static ProblemDetails FromKnown(HttpContext http, MlServiceException known)
    {
        if (known is ModelNotReadyException notReady)
            http.Response.Headers.RetryAfter = notReady.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var problem = new ProblemDetails { Status = known.StatusCode, Title = known.Title, Detail = known.Message };
        if (known.FieldErrors is { } errors) problem.Extensions["errors"] = errors;
        return problem;
    }

    /// <summary>
    /// Thrown by System.Text.Json itself (its throw helpers are never inlined, unlike the GetString frame a
    /// stack-trace check would look for once tier-1 code inlines it) about invalid UTF-8 or UTF-16 text.
    /// </summary>
    private static bool IsInvalidJsonText(InvalidOperationException e) =>
        e.InnerException is System.Text.DecoderFallbackException
        || (e.TargetSite?.Module.Assembly == typeof(System.Text.Json.Utf8JsonReader).Assembly
            && (e.Message.Contains("UTF-16", StringComparison.Ordinal) || e.Message.Contains("UTF-8", StringComparison.Ordinal)));

    [LoggerMessage(Level = LogLevel.Error, Message = "Request {Method} {Path} failed with {Status} (request {RequestId})")]
    private partial void LogServerError(Exception exception, string method, string path, int status, string requestId);
}
