using MlService.Api.Security;

namespace MlService.Api.Middleware;

/// <summary>
/// When <c>MlService:Auth:Enabled</c>: every endpoint except probes (and metrics unless protected) needs a key in
/// <c>Authorization: Bearer &lt;key&gt;</c> or <c>X-API-Key</c>; admin endpoints need an admin key. Missing or
/// invalid key: 401 with a Bearer challenge; valid key without admin rights on an admin endpoint: 403.
/// Runs before the limiter, so refused callers never take a slot.
/// </summary>
public sealed class ApiKeyMiddleware(RequestDelegate next, ApiKeyRing keys, RejectionResponses rejections)
{
    public const string ApiKeyHeader = "X-API-Key";

    /// <summary>Longer values are refused without hashing (headers are bounded anyway; keys are short).</summary>
    public const int MaxKeyLength = 1_024;

    public Task InvokeAsync(HttpContext http)
    {
        if (!keys.Enabled) return next(http);
        var required = EndpointAccess.Required(http, keys.ProtectMetrics);
        if (required == AccessLevel.Open) return next(http);

        var presented = PresentedKey(http.Request);
        if (presented is null) return rejections.UnauthorizedAsync(http, keyPresented: false);
        var granted = presented.Length <= MaxKeyLength ? keys.Grant(presented) : null;
        if (granted is null) return rejections.UnauthorizedAsync(http, keyPresented: true);
        if (required == AccessLevel.AdminKey && granted != AccessLevel.AdminKey) return rejections.ForbiddenAsync(http);
        return next(http);
    }

    /// <summary>The key from <c>Authorization: Bearer</c> (preferred) or <c>X-API-Key</c>; null when neither carries one.</summary>
    public static string? PresentedKey(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.Length > 7 && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            var token = authorization[7..].Trim();
            if (token.Length > 0) return token;
        }
        var header = request.Headers[ApiKeyHeader].ToString().Trim();
        return header.Length > 0 ? header : null;
    }
}
