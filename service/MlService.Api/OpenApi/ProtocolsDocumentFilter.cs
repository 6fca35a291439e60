using Microsoft.OpenApi;
using MlService.Api.Codecs.Mlflow;
using MlService.Api.Codecs.V1;
using MlService.Api.Codecs.V2;
using System.Text.Json.Nodes;
using MlService.Core.Models;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace MlService.Api.OpenApi;

/// <summary>
/// Describes the protocol tags (Swagger UI groups operations by them) and the request bodies of the protocol routes.
/// The bodies are documented here, not with <c>Accepts&lt;T&gt;()</c>: that metadata also makes routing answer a bare 415
/// itself, and MLflow and KServe clients must get their protocol's error body for a wrong Content-Type too.
/// <c>/invocations</c> gets the default model's input example as a <c>dataframe_split</c> example, so "Try it out" works.
/// </summary>
public sealed class ProtocolsDocumentFilter(ModelRegistry registry) : IDocumentFilter
{
    private static readonly (string Name, string Description)[] Tags =
    [
        (MlflowScoringApi.Tag, "Drop-in for `mlflow models serve`: /invocations with the default model, /ping, /health, /version. Errors add `error_code` and `message`."),
        (OpenInferenceApi.Tag, "KServe / Triton / MLServer Open Inference Protocol over REST. Errors add `error`."),
        (KServeV1Api.Tag, "KServe V1 (TF-Serving REST shaped) predict with instances. Errors add `error`."),
    ];

    private static readonly (string Path, Type Body)[] Bodies =
    [
        ("/invocations", typeof(MlflowMessages.MlflowScoringRequest)),
        ("/v2/models/{name}/infer", typeof(V2Messages.V2InferenceRequest)),
        ("/v2/models/{name}/versions/{version}/infer", typeof(V2Messages.V2InferenceRequest)),
        ("/v1/models/{name}:predict", typeof(V1Messages.V1PredictRequest)),
    ];

    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        document.Tags ??= new HashSet<OpenApiTag>();
        foreach (var (name, description) in Tags)
        {
            // Swashbuckle has already added the tag by name (the set compares names): describe that one.
            if (document.Tags.FirstOrDefault(t => t.Name == name) is { } existing) existing.Description = description;
            else document.Tags.Add(new OpenApiTag { Name = name, Description = description });
        }

        foreach (var (path, body) in Bodies)
        {
            if (!document.Paths.TryGetValue(path, out var item) || item.Operations?.TryGetValue(HttpMethod.Post, out var operation) != true) continue;
            var content = new Dictionary<string, IOpenApiMediaType>
            {
                ["application/json"] = new OpenApiMediaType { Schema = context.SchemaGenerator.GenerateSchema(body, context.SchemaRepository) },
            };
            if (path == "/invocations")
            {
                if (InvocationsExample() is { } example) ((OpenApiMediaType)content["application/json"]).Example = example;
                foreach (var csv in new[] { MlflowContentType.Csv, MlflowContentType.CsvAlias })
                    content[csv] = new OpenApiMediaType
                    {
                        Schema = new OpenApiSchema { Type = JsonSchemaType.String, Description = "A header row naming the input columns, then one line per row" },
                    };
            }
            operation!.RequestBody = new OpenApiRequestBody { Required = true, Content = content };
        }
    }

    private JsonNode? InvocationsExample()
    {
        var current = registry.Default?.Current;
        if (current is null || InputExample.Load(current.Directory) is not { Count: > 0 } rows || rows[0] is not JsonObject first) return null;
        var columns = first.Select(p => p.Key).ToList();
        var data = new JsonArray(rows.OfType<JsonObject>().Select(r => (JsonNode)new JsonArray(columns.Select(c => r[c]?.DeepClone()).ToArray())).ToArray());
        return new JsonObject
        {
            ["dataframe_split"] = new JsonObject { ["columns"] = new JsonArray(columns.Select(c => (JsonNode)c).ToArray()), ["data"] = data },
        };
    }
}
