namespace MlService.Api.Apis;

/// <summary>
/// The FastAPI-style prediction API: a JSON object in gives one prediction out, an array gives a batch out.
/// Request and response schemas per model are added to the OpenAPI document from the loaded signature.
/// </summary>
public static class NativePredictionApi
{
    public const string Protocol = "native";
    public const string Tag = "Native prediction";

    public static IEndpointRouteBuilder MapNativePredictionApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("").WithTags(Tag);
        var (inference, settings) = PredictionServices.Resolve(app);

        api.MapPost("/predict", (Func<HttpContext, Task<IResult>>)(http => PredictDefault(http, inference, settings)))
            .WithName("PredictDefault")
            .WithSummary("Predict with the default model")
            .WithDescription("Body: one JSON object (one row) or an array of objects (a batch). Fields and types come from the model signature; see GET /models/{name}.");

        api.MapPost("/models/{name}/predict", (string name, HttpContext http) => PredictNamed(name, http, inference, settings))
            .WithName("PredictNamed")
            .WithSummary("Predict with a named model")
            .WithDescription("Body: one JSON object (one row) or an array of objects (a batch).");

        return app;
    }

    public static Task<IResult> PredictDefault(HttpContext http, InferenceService inference, InferenceSettings settings) =>
        Predict(http, null, inference, settings);

    public static Task<IResult> PredictNamed(string name, HttpContext http, InferenceService inference, InferenceSettings settings) =>
        Predict(http, name, inference, settings);

    private static async Task<IResult> Predict(HttpContext http, string? name, InferenceService inference, InferenceSettings settings)
    {
        var options = settings.Options;
        PooledRequestBody.RequireContentType(http.Request, "application/json");
        using var lease = inference.Acquire(name);
        using var body = await PooledRequestBody.ReadAsync(http.Request, options.MaxBodyBytes, http.RequestAborted);
        var (input, single) = JsonRowsReader.Read(body.Data.Span, lease.Version.Model.Signature.Inputs, settings.Validation, options.MaxRowsPerRequest);
        var output = inference.Predict(http, lease, input, Protocol);
        var version = lease.Version;
        return new JsonResponse(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("model_name", version.Name);
            writer.WriteString("model_version", version.Version);
            if (single)
            {
                writer.WritePropertyName("prediction");
                FrameJsonWriter.WriteRow(writer, output, 0);
            }
            else
            {
                writer.WritePropertyName("predictions");
                FrameJsonWriter.WriteRows(writer, output);
            }
            writer.WriteEndObject();
        });
    }
}
