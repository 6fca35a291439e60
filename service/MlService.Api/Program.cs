using Microsoft.Extensions.Options;
using MlService.Api.Apis;
using MlService.Api.Extensions;
using MlService.Api.Metrics;
using MlService.Api.Middleware;
using MlService.Api.Reliability;
using Prometheus;

var builder = WebApplication.CreateBuilder(args);

// Configuration: appsettings, mounted ConfigMap file (MLSERVICE_CONFIG), short env aliases, MlService__ env, command line.
builder.AddMlServiceConfiguration();
builder.AddServiceLogging();
builder.AddServiceKestrel();

// Models: options, runtimes by flavor, store and cache, registry, background loading and polling.
builder.Services.AddModelServing(builder.Configuration);

// Metrics, errors as problem+json, probes, OpenAPI docs.
builder.Services.AddServiceMetrics();
builder.Services.AddProblemResponses();
builder.Services.AddProbes();
builder.Services.AddOpenApiDocs();

// Reliability: graceful drain on SIGTERM, concurrency limit with a bounded queue, request timeout, API keys.
builder.Services.AddReliability(builder.Configuration);

var app = builder.Build();

try
{
    // Validate every option before anything uses one, so a bad value is one clear line, not a hosting stack trace.
    app.Services.GetRequiredService<IStartupValidator>().Validate();
    // Take the validated request settings now: later edits of the mounted file that fail validation keep these.
    app.Services.GetRequiredService<MlService.Api.Options.InferenceSettings>();
    // The shared prediction path now, so a demo switch that is on says so in the log before the first request.
    app.Services.GetRequiredService<MlService.Api.Inference.InferenceService>();
    // The container's cgroup limits and pressure join /metrics (read at scrape time).
    app.Services.GetRequiredService<ContainerMetrics>();

    app.UseMiddleware<RequestContextMiddleware>();
    app.UseExceptionHandler();
    app.UseReliability();

    // One static class per HTTP surface.
    app.MapNativePredictionApi();
    app.MapModelsApi();
    app.MapMlflowScoringApi();
    app.MapOpenInferenceApi();
    app.MapKServeV1Api();
    app.MapHealthApi();
    app.MapMetrics().WithMetadata(new MetricsEndpointMetadata());
    app.UseOpenApiDocs();

    await app.RunAsync();
    return 0;
}
catch (OptionsValidationException e)
{
    // A bad setting stops the process with a message naming the key, not a stack trace.
    Console.Error.WriteLine($"mlservice: invalid configuration: {string.Join("; ", e.Failures)}");
    return 2;
}
catch (IOException e) when (e.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
{
    Console.Error.WriteLine($"mlservice: {e.Message} (set ASPNETCORE_URLS to another port)");
    return 3;
}

/// <summary>Entry point type, public for WebApplicationFactory in the functional tests.</summary>
public partial class Program;
