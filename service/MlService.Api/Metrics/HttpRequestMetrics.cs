using System.Collections.Concurrent;
using Prometheus;

namespace MlService.Api.Metrics;

/// <summary>
/// <c>http_request_duration_seconds{code,method,endpoint}</c>: every request's time from the first middleware to
/// its final status (error responses written by the exception handler included), whose <c>_count</c> counts
/// requests. Recorded by <see cref="Middleware.RequestContextMiddleware"/>, which already times each request, instead of
/// prometheus-net's HTTP middleware: that one resolves its label values and series on every request and cost
/// ~7 % of a single-record prediction's CPU; here each (endpoint, status, method) resolves its series once.
/// Scrapes of /metrics are not counted. Unknown HTTP methods share the label value <c>OTHER</c>, so a client
/// cannot create series at will. Thread-safe.
/// </summary>
public sealed class HttpRequestMetrics
{
    private static readonly Histogram Duration = Prometheus.Metrics.CreateHistogram(
        "http_request_duration_seconds", "Duration of HTTP requests, by status code, method and endpoint (route pattern).",
        new HistogramConfiguration
        {
            LabelNames = ["code", "method", "endpoint"],
            Buckets = Histogram.ExponentialBuckets(0.0005, 2, 16),
            ExemplarBehavior = ExemplarBehavior.NoExemplars(),
        });

    private readonly ConcurrentDictionary<SeriesKey, Histogram.Child> _series = new();

    /// <param name="endpoint">The endpoint routing chose, taken before the request ran (the exception handler clears it).</param>
    public void Observe(HttpContext http, Endpoint? endpoint, double seconds)
    {
        if (endpoint?.Metadata.GetMetadata<MetricsEndpointMetadata>() is not null) return;
        var key = new SeriesKey(endpoint, http.Response.StatusCode, MethodLabel(http.Request.Method));
        if (!_series.TryGetValue(key, out var series))
            series = _series.GetOrAdd(key, static k => Duration.WithLabels(
                k.Status.ToString(System.Globalization.CultureInfo.InvariantCulture), k.Method,
                (k.Endpoint as RouteEndpoint)?.RoutePattern.RawText ?? ""));
        series.Observe(seconds);
    }

    /// <summary>The canonical (interned) name of a standard method, else <c>OTHER</c>.</summary>
    private static string MethodLabel(string method)
    {
        var canonical = HttpMethods.GetCanonicalizedValue(method);
        return IsStandard(canonical) ? canonical : "OTHER";
    }

    private static bool IsStandard(string method) =>
        HttpMethods.IsGet(method) || HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsDelete(method) ||
        HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsPatch(method) ||
        HttpMethods.IsTrace(method) || HttpMethods.IsConnect(method);

    /// <summary>Endpoints compare by reference (one instance per route for the life of the process).</summary>
    private readonly record struct SeriesKey(Endpoint? Endpoint, int Status, string Method)
    {
        public bool Equals(SeriesKey other) =>
            ReferenceEquals(Endpoint, other.Endpoint) && Status == other.Status && string.Equals(Method, other.Method, StringComparison.Ordinal);

        public override int GetHashCode() => HashCode.Combine(Endpoint is null ? 0 : System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(Endpoint), Status, Method);
    }
}
