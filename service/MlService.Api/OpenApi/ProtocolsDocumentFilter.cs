using Microsoft.OpenApi;
using MlService.Api.Apis;
using MlService.Api.Codecs.Mlflow;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace MlService.Api.OpenApi;

/// <summary>
/// Describes the protocol tags (Swagger UI groups operations by them) and gives <c>/invocations</c>' CSV bodies a text
/// schema: the endpoint metadata can name only one body type, the JSON one.
/// </summary>
public sealed class ProtocolsDocumentFilter : IDocumentFilter
{
    private static readonly (string Name, string Description)[] Tags =
    [
        (MlflowScoringApi.Tag, "Drop-in for `mlflow models serve`: /invocations with the default model, /ping, /health, /version. Errors add `error_code` and `message`."),
        (OpenInferenceApi.Tag, "KServe / Triton / MLServer Open Inference Protocol over REST. Errors add `error`."),
        (KServeV1Api.Tag, "KServe V1 (TF-Serving REST shaped) predict with instances. Errors add `error`."),
    ];

    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        document.Tags ??= new HashSet<OpenApiTag>();
        foreach (var (name, description) in Tags) document.Tags.Add(new OpenApiTag { Name = name, Description = description });

        if (document.Paths.TryGetValue("/invocations", out var path) && path.Operations?.TryGetValue(HttpMethod.Post, out var operation) == true
            && operation.RequestBody?.Content is { } content)
        {
            foreach (var csv in new[] { MlflowContentType.Csv, MlflowContentType.CsvAlias })
            {
                content[csv] = new OpenApiMediaType
                {
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String, Description = "A header row naming the input columns, then one line per row" },
                };
            }
        }
    }
}
