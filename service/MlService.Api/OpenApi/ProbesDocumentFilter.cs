using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace MlService.Api.OpenApi;

/// <summary>Documents the probe and metrics routes, which are mapped outside the API explorer (health checks, prometheus-net).</summary>
public sealed class ProbesDocumentFilter : IDocumentFilter
{
    public const string ProbesTag = "Probes";
    public const string MetricsTag = "Metrics";

    private static readonly (string Path, string Summary)[] Probes =
    [
        ("/health/live", "Liveness: 200 while the process answers; never depends on models or stores"),
        ("/livez", "Liveness (alias of /health/live)"),
        ("/health/ready", "Readiness: 200 when every model is loaded and warmed; 503 with the reason otherwise (and while draining)"),
        ("/readyz", "Readiness (alias of /health/ready)"),
        ("/health/startup", "Startup: 200 once every model has loaded once"),
    ];

    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        foreach (var (path, summary) in Probes)
        {
            document.Paths[path] = Get(document, ProbesTag, summary, "application/json", new Dictionary<string, string>
            {
                ["200"] = "Healthy or degraded (JSON: status and entries per check)",
                ["503"] = "Unhealthy (JSON says which check and why)",
            });
        }
        document.Paths["/metrics"] = Get(document, MetricsTag, "Prometheus exposition (mlservice_* and HTTP metrics)", "text/plain",
            new Dictionary<string, string> { ["200"] = "Metrics in the Prometheus text format" });
    }

    private static OpenApiPathItem Get(OpenApiDocument document, string tag, string summary, string mediaType, Dictionary<string, string> responses)
    {
        var operation = new OpenApiOperation
        {
            Summary = summary,
            Tags = new HashSet<OpenApiTagReference> { new(tag, document, null) },
            Responses = new OpenApiResponses(),
        };
        foreach (var (status, description) in responses)
        {
            operation.Responses[status] = new OpenApiResponse
            {
                Description = description,
                Content = new Dictionary<string, IOpenApiMediaType> { [mediaType] = new OpenApiMediaType() },
            };
        }
        return new OpenApiPathItem { Operations = new Dictionary<HttpMethod, OpenApiOperation> { [HttpMethod.Get] = operation } };
    }
}
