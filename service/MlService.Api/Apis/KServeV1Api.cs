using Microsoft.AspNetCore.Http.HttpResults;
using MlService.Api.Codecs.V1;
using MlService.Api.Codecs.V2;
using static MlService.Api.Codecs.V1.V1Messages;

namespace MlService.Api.Apis;

/// <summary>
/// KServe V1 (TF-Serving REST shaped): model list, model status, and <c>POST /v1/models/{name}:predict</c> with
/// <c>instances</c>. The verb after the colon is a literal of the route segment. Errors as V2 (<see cref="KServeErrorShape"/>).
/// </summary>
public static class KServeV1Api
{
    public const string Protocol = "v1";
    public const string Tag = "KServe V1";

    public static IEndpointRouteBuilder MapKServeV1Api(this IEndpointRouteBuilder app)
    {
        var v1 = app.MapGroup("/v1/models").WithTags(Tag).WithMetadata(KServeErrorShape.Instance);
        var (inference, settings) = PredictionServices.Resolve(app);

        v1.MapGet("", ListModels).WithName("V1ListModels").WithSummary("Names of the served models");
        v1.MapGet("/{name}", ModelStatus).WithName("V1ModelStatus").WithSummary("200 {name, ready} when the model is loaded, 503 while not")
            .ProducesProblems<V2Messages.KServeError>(StatusCodes.Status404NotFound, StatusCodes.Status503ServiceUnavailable);
        v1.MapPost("/{name}:predict", (string name, HttpContext http) => Predict(name, http, inference, settings)).WithName("V1Predict")
            .WithSummary("Predict rows given as instances: objects keyed by input name or arrays in signature order")
            .Produces<V1PredictResponse>(StatusCodes.Status200OK)
            .ProducesProblems<V2Messages.KServeError>(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status500InternalServerError, StatusCodes.Status503ServiceUnavailable);
        v1.MapPost("/{name}:explain", Explain).WithName("V1Explain").WithSummary("Not implemented (501): no model here has an explainer")
            .ProducesProblems<V2Messages.KServeError>(StatusCodes.Status501NotImplemented);
        return app;
    }

    public static Ok<V1ModelList> ListModels(ModelRegistry registry) => TypedResults.Ok(new V1ModelList(registry.Models.Select(m => m.Name).ToList()));

    public static Ok<V1ModelStatus> ModelStatus(string name, InferenceService inference)
    {
        using var lease = inference.Acquire(name); // 404 unknown, 503 not loaded
        return TypedResults.Ok(new V1ModelStatus(lease.Name, true));
    }

    public static async Task<IResult> Predict(string name, HttpContext http, InferenceService inference, InferenceSettings settings)
    {
        var options = settings.Options;
        if (!string.IsNullOrEmpty(http.Request.ContentType)) PooledRequestBody.RequireContentType(http.Request, "application/json");
        using var lease = inference.Acquire(name);
        using var body = await PooledRequestBody.ReadAsync(http.Request, options.MaxBodyBytes, http.RequestAborted);
        var input = V1RequestDecoder.Decode(body.Data.Span, lease.Version.Model.Signature.Inputs, settings.Validation, options.MaxRowsPerRequest);
        var output = inference.Predict(http, lease, input, Protocol);
        return new JsonResponse(writer =>
        {
            writer.WriteStartObject();
            writer.WritePropertyName("predictions");
            PredictionListWriter.Write(writer, output);
            writer.WriteEndObject();
        });
    }

    public static IResult Explain(string name, InferenceService inference)
    {
        using var lease = inference.Acquire(name);
        throw new UnsupportedFeatureException($"model '{lease.Name}' has no explainer; use :predict");
    }
}
