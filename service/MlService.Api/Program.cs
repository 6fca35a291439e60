using Microsoft.Extensions.Options;
using MlService.Api.Apis;
using MlService.Api.Extensions;
using MlService.Api.Middleware;
using Prometheus;

var builder = WebApplication.CreateBuilder(args);

// Configuration: appsettings, mounted ConfigMap file (MLSERVICE_CONFIG), short env aliases, MlService__ env, command line.
builder.AddMlServiceConfiguration();
builder.AddServiceLogging();
builder.AddServiceKestrel();

// Models: options, runtimes by flavor, store and cache, registry, background loading and polling.
builder.Services.AddModelServing(builder.Configuration);

// Errors as problem+json, probes, OpenAPI docs.
builder.Services.AddProblemResponses();
builder.Services.AddProbes();
builder.Services.AddOpenApiDocs();

var app = builder.Build();

app.UseMiddleware<RequestContextMiddleware>();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseHttpMetrics();

// One static class per HTTP surface.
app.MapNativePredictionApi();
app.MapModelsApi();
app.MapHealthApi();
app.MapMetrics();
app.UseOpenApiDocs();

try
{
    await app.RunAsync();
    return 0;
}
catch (OptionsValidationException e)
{
    // A bad setting stops the process with a message naming the key, not a stack trace.
    Console.Error.WriteLine($"mlservice: invalid configuration: {string.Join("; ", e.Failures)}");
    return 2;
}

/// <summary>Entry point type, public for WebApplicationFactory in the functional tests.</summary>
public partial class Program;
