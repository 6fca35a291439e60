using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using MlService.Api.Codecs.V2;
using static MlService.Api.Codecs.V2.V2Messages;

namespace MlService.Api.Apis;

/// <summary>
/// Open Inference Protocol (KServe V2) over REST: server and model health and metadata, and inference with JSON tensors.
/// Model metadata comes from the signature. Errors carry <c>{"error"}</c> with KServe's codes (see <see cref="KServeErrorShape"/>).
/// </summary>
public static class OpenInferenceApi
{
    public const string Protocol = "v2";
    public const string Tag = "Open Inference Protocol (V2)";

    public static IEndpointRouteBuilder MapOpenInferenceApi(this IEndpointRouteBuilder app)
    {
        var v2 = app.MapGroup("/v2").WithTags(Tag).WithMetadata(KServeErrorShape.Instance);
        var (inference, settings) = PredictionServices.Resolve(app);

        v2.MapGet("", ServerMetadata).WithName("V2ServerMetadata").WithSummary("Server name, version and protocol extensions");
        v2.MapGet("/health/live", (Func<Ok<V2ServerLive>>)(() => TypedResults.Ok(new V2ServerLive(true))))
            .WithName("V2ServerLive").WithSummary("Liveness: 200 while the server answers").WithMetadata(new ProbeEndpointMetadata());
        v2.MapGet("/health/ready", ServerReady).WithName("V2ServerReady")
            .WithSummary("Readiness: 200 when every model is loaded and warmed, 503 otherwise").WithMetadata(new ProbeEndpointMetadata());

        foreach (var (prefix, suffix) in new[] { ("/models/{name}", ""), ("/models/{name}/versions/{version}", "Version") })
        {
            v2.MapGet(prefix, ModelMetadata).WithName("V2ModelMetadata" + suffix)
                .WithSummary("Model name, versions, platform, and input/output tensors from the signature")
                .ProducesProblems<KServeError>(StatusCodes.Status404NotFound, StatusCodes.Status503ServiceUnavailable);
            v2.MapGet(prefix + "/ready", ModelReady).WithName("V2ModelReady" + suffix).WithSummary("200 when the model is loaded, 503 while not")
                .ProducesProblems<KServeError>(StatusCodes.Status404NotFound, StatusCodes.Status503ServiceUnavailable);
            v2.MapPost(prefix + "/infer", (string name, string? version, HttpContext http) => Infer(name, version, http, inference, settings)).WithName("V2Infer" + suffix)
                .WithSummary("Inference with JSON tensors: inputs by name (columns as [N] or [N, 1]), flat or nested data")
                .Produces<V2InferenceResponse>(StatusCodes.Status200OK)
                .ProducesProblems<KServeError>(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status500InternalServerError, StatusCodes.Status501NotImplemented, StatusCodes.Status503ServiceUnavailable);
        }
        app.MapModelRepositoryApi();
        return app;
    }

    public static Ok<V2ServerMetadata> ServerMetadata() =>
        TypedResults.Ok(new V2ServerMetadata(ServiceInfo.Name, ServiceInfo.Version, [ModelRepositoryApi.Extension]));

    public static async Task<Results<Ok<V2ServerReady>, JsonHttpResult<V2ServerReady>>> ServerReady(HealthCheckService health, CancellationToken ct)
    {
        var report = await health.CheckHealthAsync(check => check.Tags.Contains(HealthApi.ReadyTag), ct);
        if (report.Status != HealthStatus.Unhealthy) return TypedResults.Ok(new V2ServerReady(true));
        var reason = string.Join("; ", report.Entries.Where(e => e.Value.Status == HealthStatus.Unhealthy).Select(e => e.Value.Description ?? e.Key));
        return TypedResults.Json(new V2ServerReady(false, reason), statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    public static Ok<V2ModelMetadata> ModelMetadata(string name, string? version, InferenceService inference)
    {
        using var lease = inference.Acquire(name, version);
        var loaded = lease.Version;
        var signature = loaded.Model.Signature;
        return TypedResults.Ok(new V2ModelMetadata(loaded.Name, [loaded.Version], Platform(loaded.Flavor),
            signature.Inputs.Select(Tensor).ToList(),
            signature.Outputs.Select(o => Tensor(o, loaded.Model.OutputShape(o.Name))).ToList()));
    }

    public static Ok<V2ModelReady> ModelReady(string name, string? version, InferenceService inference)
    {
        using var lease = inference.Acquire(name, version); // 404 unknown, 503 not loaded
        return TypedResults.Ok(new V2ModelReady(lease.Name, true));
    }

    public static async Task<IResult> Infer(string name, string? version, HttpContext http, InferenceService inference, InferenceSettings settings)
    {
        var options = settings.Options;
        // KServe clients do not all send a Content-Type; when one is sent it must be JSON.
        if (!string.IsNullOrEmpty(http.Request.ContentType)) PooledRequestBody.RequireContentType(http.Request, "application/json");
        if (http.Request.Headers.ContainsKey("Inference-Header-Content-Length"))
            throw new UnsupportedFeatureException("the binary tensor data extension is not supported; send JSON tensor data");
        using var lease = inference.Acquire(name, version);
        using var body = await PooledRequestBody.ReadAsync(http.Request, options.MaxBodyBytes, http.RequestAborted);
        var signature = lease.Version.Model.Signature;
        var request = V2RequestReader.Read(body.Data.Span, signature.Inputs);
        CheckOutputs(request, signature);
        var input = V2FrameDecoder.Decode(body.Data.Span, request, signature.Inputs, settings.Validation, options.MaxRowsPerRequest);
        var output = inference.Predict(http, lease, input, Protocol);
        var loaded = lease.Version;
        var id = request.Id ?? http.TraceIdentifier;
        return new JsonResponse(writer => V2ResponseWriter.Write(writer, loaded, id, output, request.Outputs));
    }

    /// <summary>Requested outputs must be outputs of the model (400 before predicting, not an empty answer after).</summary>
    public static void CheckOutputs(V2Request request, ModelSignature signature)
    {
        if (request.Outputs is null || signature.Outputs.Count == 0) return;
        foreach (var (output, i) in request.Outputs.Select((o, i) => (o, i)))
        {
            var field = signature.Outputs.FirstOrDefault(o => o.Name == output.Name) ?? throw new MalformedRequestException(
                $"output '{output.Name}' is not an output of this model; outputs: {string.Join(", ", signature.Outputs.Select(o => o.Name))}", $"outputs[{i}].name");
            if (output.Classification > 0 && !DataKinds.IsNumeric(field.Kind))
                throw new MalformedRequestException(
                    $"output '{output.Name}' holds {V2DatatypeNames.ToV2Datatype(field.Kind)} values; classification needs scores", $"outputs[{i}].parameters.classification");
        }
    }

    /// <summary>Tensor metadata; an output takes the shape the model returns it in (e.g. [-1, 1]), which inference answers with.</summary>
    private static V2TensorMetadata Tensor(FieldSpec field, IReadOnlyList<long>? returned) =>
        new(field.Name, V2DatatypeNames.ToV2Datatype(field.Kind), returned is null ? V2Datatypes.Shape(field) : [.. returned]);

    private static V2TensorMetadata Tensor(FieldSpec field) => Tensor(field, null);

    /// <summary>V2 platform string, <c>&lt;project&gt;_&lt;format&gt;</c> where one is defined.</summary>
    public static string Platform(string flavor) => flavor switch
    {
        "onnx" => "onnx_onnxv1",
        _ => flavor,
    };
}
