using System.Text;
using MlService.Api.Codecs.Mlflow;

namespace MlService.Api.Apis;

/// <summary>
/// MLflow's scoring server (<c>mlflow models serve</c>): <c>POST /invocations</c> predicts with the default model;
/// <c>/ping</c> and <c>/health</c> answer 200 with a newline while it is loaded, 404 otherwise; <c>/version</c> is our
/// version as plain text. Errors carry MLflow's <c>error_code</c>/<c>message</c> (see <see cref="MlflowErrorShape"/>).
/// </summary>
public static class MlflowScoringApi
{
    public const string Protocol = "mlflow";
    public const string Tag = "MLflow scoring";

    public static IEndpointRouteBuilder MapMlflowScoringApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("").WithTags(Tag).WithMetadata(MlflowErrorShape.Instance);
        var (inference, settings) = PredictionServices.Resolve(app);

        api.MapPost("/invocations", (Func<HttpContext, Task<IResult>>)(http => Invocations(http, inference, settings)))
            .WithName("MlflowInvocations")
            .WithSummary("Predict with the default model (MLflow scoring protocol)")
            .WithDescription("JSON with exactly one of dataframe_split, dataframe_records, instances, inputs (plus optional params), or CSV with a header row as text/csv or application/csv.")
            .Produces<MlflowMessages.MlflowPredictions>(StatusCodes.Status200OK)
            .ProducesProblems<MlflowMessages.MlflowError>(StatusCodes.Status400BadRequest, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType, StatusCodes.Status500InternalServerError, StatusCodes.Status503ServiceUnavailable);

        api.MapGet("/ping", Ping).WithName("MlflowPing").WithSummary("200 with a newline when the default model is loaded, 404 otherwise")
            .Produces(StatusCodes.Status200OK).Produces(StatusCodes.Status404NotFound).WithMetadata(new ProbeEndpointMetadata());
        api.MapGet("/health", Ping).WithName("MlflowHealth").WithSummary("Alias of /ping")
            .Produces(StatusCodes.Status200OK).Produces(StatusCodes.Status404NotFound).WithMetadata(new ProbeEndpointMetadata());
        api.MapGet("/version", Version).WithName("MlflowVersion").WithSummary("Server version as plain text (MLflow reports its package version here)")
            .Produces<string>(StatusCodes.Status200OK, "application/json");
        return app;
    }

    public static async Task<IResult> Invocations(HttpContext http, InferenceService inference, InferenceSettings settings)
    {
        var options = settings.Options;
        var csv = MlflowContentType.IsCsv(http.Request);
        using var lease = inference.Acquire(null);
        using var body = await PooledRequestBody.ReadAsync(http.Request, options.MaxBodyBytes, http.RequestAborted);
        var signature = lease.Version.Model.Signature;
        var validation = settings.Validation;
        var input = csv
            ? CsvFrameReader.Read(body.Data.Span, signature.Inputs, validation, options.MaxRowsPerRequest)
            : MlflowRequestDecoder.Decode(body.Data.Span, signature.Inputs, validation, options.MaxRowsPerRequest);
        var output = inference.Predict(http, lease, input, Protocol);
        return new JsonResponse(writer => MlflowPredictionsWriter.Write(writer, output, signature));
    }

    /// <summary>MLflow answers a newline with media type application/json: 200 when the model is loaded, 404 when not.</summary>
    public static IResult Ping(ModelRegistry registry) =>
        Results.Text("\n", "application/json", Encoding.UTF8, registry.Default?.Current is null ? StatusCodes.Status404NotFound : StatusCodes.Status200OK);

    public static IResult Version() => Results.Text(ServiceInfo.Version, "application/json", Encoding.UTF8);
}
