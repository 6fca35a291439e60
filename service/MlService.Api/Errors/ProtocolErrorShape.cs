using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace MlService.Api.Errors;

/// <summary>
/// Endpoint metadata for a wire protocol that prescribes its own error body (MLflow <c>error_code</c>/<c>message</c>,
/// KServe <c>error</c>). Our problem+json stays the body — problem+json clients keep working — and the protocol's keys
/// and status code are added to it, so a client of that protocol finds what it parses (DESIGN §7 "which then comes as well").
/// </summary>
public abstract class ProtocolErrorShape
{
    /// <summary>Sets the protocol's status and adds its keys to the problem about to be written.</summary>
    public abstract void Apply(ProblemDetails problem, Exception exception);

    /// <summary>The shape of the endpoint that failed (the exception handler has already cleared the request's endpoint).</summary>
    public static ProtocolErrorShape? Of(HttpContext http) =>
        (http.Features.Get<IExceptionHandlerFeature>()?.Endpoint ?? http.GetEndpoint())?.Metadata.GetMetadata<ProtocolErrorShape>();

    /// <summary>The detail; for rows that do not fit the signature every field error, so clients that only read the message learn which fields are wrong.</summary>
    protected static string Message(ProblemDetails problem, Exception exception)
    {
        var detail = problem.Detail ?? problem.Title ?? "request failed";
        if (exception is not InputValidationException || !problem.Extensions.TryGetValue("errors", out var value) || value is not IReadOnlyDictionary<string, string[]> errors || errors.Count == 0) return detail;
        const int shown = 10;
        var lines = errors.SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}")).ToList();
        var text = string.Join("; ", lines.Take(shown));
        if (lines.Count > shown) text += $"; and {lines.Count - shown} more";
        return $"{problem.Title}: {text}";
    }
}
