using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using MlService.Core.Models;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace MlService.Api.OpenApi;

/// <summary>
/// Adds, for every loaded model, an operation <c>POST /models/{model}/predict</c> whose request and response
/// schemas come from the model's signature, with its input example as the example — like FastAPI's docs
/// generated from pydantic models. The document is built per request, so a reload shows the new signature.
/// </summary>
public sealed class ModelSchemasDocumentFilter(ModelRegistry registry) : IDocumentFilter
{
    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal);
        foreach (var model in registry.Models)
        {
            var current = model.Current;
            if (current is null) continue;
            var signature = current.Model.Signature;
            var inputId = $"{model.Name}.Input";
            var outputId = $"{model.Name}.Output";
            document.Components.Schemas[inputId] = SignatureSchemas.Row(signature.Inputs, $"One row for model '{model.Name}' version {current.Version}");
            document.Components.Schemas[outputId] = SignatureSchemas.Row(signature.Outputs, $"One prediction of model '{model.Name}'");
            var example = InputExample.Load(current.Directory)?.FirstOrDefault()?.DeepClone();
            var operation = PredictOperation(document, model.Name, current.Version, inputId, outputId, example);
            document.Paths[$"/models/{model.Name}/predict"] = new OpenApiPathItem
            {
                Operations = new Dictionary<HttpMethod, OpenApiOperation> { [HttpMethod.Post] = operation },
            };
            if (ReferenceEquals(model, registry.Default) && document.Paths.TryGetValue("/predict", out var defaultPath)
                && defaultPath.Operations?.TryGetValue(HttpMethod.Post, out var defaultOperation) == true)
            {
                defaultOperation.RequestBody = operation.RequestBody;
                defaultOperation.Responses = operation.Responses;
                defaultOperation.Description = $"Default model: '{model.Name}' version {current.Version}. " + defaultOperation.Description;
            }
        }
    }

    private static OpenApiOperation PredictOperation(OpenApiDocument document, string model, string version, string inputId, string outputId, JsonNode? example)
    {
        var input = new OpenApiSchemaReference(inputId, document, null);
        var output = new OpenApiSchemaReference(outputId, document, null);
        var body = new OpenApiSchema
        {
            OneOf = [input, new OpenApiSchema { Type = JsonSchemaType.Array, Items = input, Description = "A batch of rows" }],
        };
        var single = Envelope("prediction", output);
        var batch = Envelope("predictions", new OpenApiSchema { Type = JsonSchemaType.Array, Items = output });
        return new OpenApiOperation
        {
            OperationId = $"Predict_{model}",
            Summary = $"Predict with '{model}' (version {version})",
            Description = "Send one JSON object for one prediction, or an array of objects for a batch. Unknown fields are ignored unless StrictInputs is on.",
            Tags = new HashSet<OpenApiTagReference> { new("Native prediction", document, null) },
            RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, IOpenApiMediaType>
                {
                    ["application/json"] = new OpenApiMediaType { Schema = body, Example = example },
                },
            },
            Responses = new OpenApiResponses
            {
                ["200"] = new OpenApiResponse
                {
                    Description = "Prediction (object body) or predictions (array body)",
                    Content = new Dictionary<string, IOpenApiMediaType>
                    {
                        ["application/json"] = new OpenApiMediaType { Schema = new OpenApiSchema { OneOf = [single, batch] } },
                    },
                },
                ["400"] = Problem("Malformed JSON"),
                ["413"] = Problem("Body or row count over the configured limit"),
                ["415"] = Problem("Content-Type is not application/json"),
                ["422"] = Problem("Rows do not match the signature; `errors` is keyed by field path such as `[3].age`"),
                ["503"] = Problem("Model still loading (see Retry-After)"),
            },
        };
    }

    private static OpenApiSchema Envelope(string property, IOpenApiSchema value) => new()
    {
        Type = JsonSchemaType.Object,
        Properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal)
        {
            ["model_name"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["model_version"] = new OpenApiSchema { Type = JsonSchemaType.String },
            [property] = value,
        },
    };

    private static OpenApiResponse Problem(string description) => new()
    {
        Description = description,
        Content = new Dictionary<string, IOpenApiMediaType>
        {
            ["application/problem+json"] = new OpenApiMediaType
            {
                Schema = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal)
                    {
                        ["type"] = new OpenApiSchema { Type = JsonSchemaType.String },
                        ["title"] = new OpenApiSchema { Type = JsonSchemaType.String },
                        ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer },
                        ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String },
                        ["errors"] = new OpenApiSchema
                        {
                            Type = JsonSchemaType.Object,
                            AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
                        },
                    },
                },
            },
        },
    };
}
