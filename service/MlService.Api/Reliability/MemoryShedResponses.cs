using System.Globalization;
using Microsoft.AspNetCore.Mvc;

namespace MlService.Api.Reliability;

/// <summary>
/// The problem+json answers of memory admission, in the shape of the concurrency limit's 503 (title "Server
/// overloaded", Retry-After) plus a <c>reason</c> member; counted in <c>mlservice_rejected_requests_total{status}</c>
/// and <c>mlservice_shed_requests_total{reason}</c>.
/// </summary>
public sealed class MemoryShedResponses(IProblemDetailsService problems, ServiceMetrics metrics, MemoryAdmissionMetrics shed)
{
    public async Task WriteAsync(HttpContext http, MemoryVerdict verdict, MemoryAdmission admission, long cost, int retryAfterSeconds)
    {
        var (status, title, detail) = Describe(verdict, admission, cost, retryAfterSeconds);
        if (status == StatusCodes.Status503ServiceUnavailable)
            http.Response.Headers.RetryAfter = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        metrics.Rejected(status);
        shed.Count(verdict);
        http.Response.StatusCode = status;
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        problem.Extensions["reason"] = MemoryAdmissionMetrics.Reason(verdict);
        await problems.WriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem });
    }

    /// <summary>The REST status, title and detail of a shed request; gRPC answers RESOURCE_EXHAUSTED with the same detail.</summary>
    public static (int Status, string Title, string Detail) Describe(MemoryVerdict verdict, MemoryAdmission admission, long cost, int retryAfterSeconds)
    {
        var budget = Mib(admission.BudgetBytes ?? 0);
        return verdict switch
        {
            MemoryVerdict.TooLarge => (StatusCodes.Status413PayloadTooLarge, "Request too large for this replica's memory",
                $"the request would hold about {Mib(cost)} MiB, more than the {budget} MiB this replica allows for requests in flight (MlService:MemoryAdmission); send smaller batches"),
            MemoryVerdict.HighWater => (StatusCodes.Status503ServiceUnavailable, "Server overloaded",
                $"the container's memory is near its limit; retry after {retryAfterSeconds}s (or on another replica)"),
            _ => (StatusCodes.Status503ServiceUnavailable, "Server overloaded",
                $"the requests in flight hold about {Mib(admission.ReservedBytes)} MiB of this replica's {budget} MiB memory budget; retry after {retryAfterSeconds}s (or on another replica)"),
        };
    }

    private static string Mib(long bytes) => (bytes / (1024.0 * 1024.0)).ToString("0.#", CultureInfo.InvariantCulture);
}
