using MlService.Api.Extensions;
using MlService.Api.Middleware;
using Prometheus;

try
{
    var builder = WebApplication.CreateBuilder(args);

    // Configuration: appsettings, mounted ConfigMap file (MLSERVICE_CONFIG), short env aliases, MlService__ env, command line.
    builder.AddMlServiceConfiguration();
    // Every value converts to its option's type before anything binds: a wrong type is one line, not a binder stack trace.
    ConfigurationBindingCheck.ThrowIfInvalid(builder.Configuration);
    builder.AddServiceLogging();
    builder.AddServiceKestrel();

    // Models: options, runtimes by flavor, store and cache, registry, background loading and polling.
    builder.Services.AddModelServing(builder.Configuration);

    // Metrics, errors as problem+json, probes, OpenAPI docs.
    builder.Services.AddServiceMetrics();
    builder.Services.AddProblemResponses();
    builder.Services.AddProbes();
    builder.Services.AddOpenApiDocs();

    // Security: API keys. Reliability: graceful drain on SIGTERM, concurrency limit with a bounded queue, request timeout.
    builder.Services.AddApiKeys(builder.Configuration);
    builder.Services.AddReliability(builder.Configuration);

    // Open Inference Protocol over gRPC on its own h2c port (MlService:Grpc), with health checking and reflection.
    builder.AddGrpcApi();

    var app = builder.Build();

    // Validate every option before anything uses one, so a bad value is one clear line, not a hosting stack trace.
    app.Services.GetRequiredService<IStartupValidator>().Validate();
    // Take the validated request settings now: later edits of the mounted file that fail validation keep these.
    app.Services.GetRequiredService<InferenceSettings>();
    // The shared prediction path now, so a demo switch that is on says so in the log before the first request.
    app.Services.GetRequiredService<MlService.Api.Inference.InferenceService>();
    // The container's cgroup limits and pressure join /metrics (read at scrape time).
    app.Services.GetRequiredService<ContainerMetrics>();

    app.UseMiddleware<RequestContextMiddleware>();
    app.UseExceptionHandler();
    app.UseApiKeys();
    app.UseReliability();

    // One static class per HTTP surface.
    app.MapNativePredictionApi();
    app.MapModelsApi();
    app.MapMlflowScoringApi();
    app.MapOpenInferenceApi();
    app.MapKServeV1Api();
    app.MapHealthApi();
    app.MapGrpcApi();
    app.MapMetrics().WithMetadata(new MetricsEndpointMetadata());
    app.UseOpenApiDocs();

    await app.RunAsync();
    return 0;
}
catch (Exception e) when (e is OptionsValidationException or InvalidConfigurationException || IsOnlyValidationFailures(e))
{
    // A bad setting stops the process with one line naming the key, never a stack trace. One bad value can fail two
    // options classes (a validator of one reads the other), and the host then aggregates the same failure twice.
    var message = e is InvalidConfigurationException ? e.Message : string.Join("; ", ValidationFailures(e).Distinct());
    Console.Error.WriteLine($"mlservice: invalid configuration: {message}");
    return 2;
}
catch (IOException e) when (e.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
{
    Console.Error.WriteLine($"mlservice: {e.Message} (set ASPNETCORE_URLS to another port)");
    return 3;
}
catch (Exception e) when (e is not OperationCanceledException)
{
    // Whatever else stops the start: still one line (type and message), no stack trace.
    Console.Error.WriteLine($"mlservice: cannot start: {e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")}");
    return 1;
}

static bool IsOnlyValidationFailures(Exception e) =>
    e is AggregateException a && a.Flatten().InnerExceptions.All(inner => inner is OptionsValidationException);

static IEnumerable<string> ValidationFailures(Exception e) => e switch
{
    OptionsValidationException v => v.Failures,
    AggregateException a => a.Flatten().InnerExceptions.OfType<OptionsValidationException>().SelectMany(v => v.Failures),
    _ => [e.Message],
};
