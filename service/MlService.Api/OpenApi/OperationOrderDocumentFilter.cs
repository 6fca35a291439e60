using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace MlService.Api.OpenApi;

/// <summary>
/// Puts the document's tags and paths in the order a newcomer needs them: native prediction and models first, then
/// MLflow, Open Inference V2, KServe V1, probes and metrics. Swagger UI and ReDoc show the tags in the order of the
/// document's <c>tags</c> list; Swashbuckle alone would sort them by name (KServe V1 first). Runs after the other
/// filters, so the probe paths they add are ordered too; within a tag the routes keep their mapping order.
/// </summary>
public sealed class OperationOrderDocumentFilter : IDocumentFilter
{
    public static readonly IReadOnlyList<string> TagOrder =
    [
        NativePredictionApi.Tag,
        ModelsApi.Tag,
        MlflowScoringApi.Tag,
        OpenInferenceApi.Tag,
        KServeV1Api.Tag,
        ProbesDocumentFilter.ProbesTag,
        ProbesDocumentFilter.MetricsTag,
    ];

    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        var paths = document.Paths.OrderBy(p => Rank(FirstTag(p.Value))).ToList(); // OrderBy is stable
        document.Paths.Clear();
        foreach (var (path, item) in paths) document.Paths.Add(path, item);

        // Every tag an operation uses gets an entry (with the description another filter gave it, if any).
        var described = (document.Tags ?? Enumerable.Empty<OpenApiTag>()).ToDictionary(t => t.Name ?? "", StringComparer.Ordinal);
        var used = paths.SelectMany(p => p.Value.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>()).SelectMany(o => o.Tags ?? Enumerable.Empty<OpenApiTagReference>()).Select(t => t.Name ?? "").Distinct();
        var ordered = described.Keys.Union(used).OrderBy(Rank).ThenBy(n => n, StringComparer.Ordinal)
            .Select(name => described.TryGetValue(name, out var tag) ? tag : new OpenApiTag { Name = name });
        document.Tags = new HashSet<OpenApiTag>(ordered);
    }

    private static string FirstTag(IOpenApiPathItem item) =>
        item.Operations?.Values.SelectMany(o => o.Tags ?? Enumerable.Empty<OpenApiTagReference>()).Select(t => t.Name).FirstOrDefault(n => n is not null) ?? "";

    private static int Rank(string tag)
    {
        for (var i = 0; i < TagOrder.Count; i++)
            if (TagOrder[i] == tag) return i;
        return TagOrder.Count; // a surface not listed yet goes last, never lost
    }
}
