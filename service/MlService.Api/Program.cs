using Microsoft.Extensions.Options;
using MlService.Api.Apis;
using MlService.Api.Extensions;
using MlService.Api.Metrics;
using MlService.Api.Middleware;
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

var app = builder.Build();

app.UseMiddleware<RequestContextMiddleware>();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseHttpMetrics(HttpMetricsSetup.Configure);

// One static class per HTTP surface.
app.MapNativePredictionApi();
app.MapModelsApi();
app.MapMlflowScoringApi();
app.MapOpenInferenceApi();
app.MapKServeV1Api();
app.MapHealthApi();
app.MapMetrics();
app.UseOpenApiDocs();

try
{
    // Validate every option before the host starts, so a bad value is one clear line, not a hosting stack trace.
    app.Services.GetRequiredService<IStartupValidator>().Validate();
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
