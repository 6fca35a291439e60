using System.Globalization;
using Microsoft.AspNetCore.Mvc;

namespace MlService.Api.Reliability;

/// <summary>
/// The problem+json answers of the reliability layer (401, 403, 503 overloaded, 504 timed out), each counted in
/// <c>mlservice_rejected_requests_total{status}</c>. Bodies never quote a presented key or request data.
/// </summary>
public sealed class RejectionResponses(IProblemDetailsService problems, ServiceMetrics metrics)
{
    public const string Realm = "mlservice";

    public Task OverloadedAsync(HttpContext http, int retryAfterSeconds)
    {
        http.Response.Headers.RetryAfter = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return WriteAsync(http, StatusCodes.Status503ServiceUnavailable, "Server overloaded",
            $"too many requests are being processed; retry after {retryAfterSeconds}s (or on another replica)");
    }

    public Task TimedOutAsync(HttpContext http) =>
        WriteAsync(http, StatusCodes.Status504GatewayTimeout, "Request timed out",
            "the request took longer than MlService:Limits:RequestTimeoutSeconds and was cancelled");

    /// <summary>401 with a Bearer challenge (RFC 9110 §11.6.1, RFC 6750 §3): no key, or one that is not valid.</summary>
    public Task UnauthorizedAsync(HttpContext http, bool keyPresented)
    {
        http.Response.Headers.WWWAuthenticate = keyPresented
            ? $"Bearer realm=\"{Realm}\", error=\"invalid_token\""
            : $"Bearer realm=\"{Realm}\"";
        return WriteAsync(http, StatusCodes.Status401Unauthorized, "API key required",
            keyPresented
                ? "the API key is not valid"
                : "send an API key as 'Authorization: Bearer <key>' or 'X-API-Key: <key>'");
    }

    /// <summary>403: the key is valid but not an admin key (RFC 9110 §15.5.4).</summary>
    public Task ForbiddenAsync(HttpContext http) =>
        WriteAsync(http, StatusCodes.Status403Forbidden, "Admin API key required",
            "this endpoint changes what the service serves and needs a key from MlService:Auth:AdminApiKeys");

    private async Task WriteAsync(HttpContext http, int status, string title, string detail)
    {
        metrics.Rejected(status);
        http.Response.StatusCode = status;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }
}
