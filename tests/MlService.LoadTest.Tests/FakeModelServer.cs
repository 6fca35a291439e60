using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using MlService.LoadTest.Tests.Payloads;
using MlService.TestSupport.Service;

namespace MlService.LoadTest.Tests;

/// <summary>
/// A tiny real Kestrel server on 127.0.0.1 (port chosen by the OS) standing in for MlService:
/// <c>GET /models/m</c> answers a signature; <c>POST /models/m/predict</c> answers request n (1-based) with
/// <c>X-Served-By: replica-a</c> for odd n and <c>replica-b</c> for even n, and with 500 when n is a multiple
/// of 5. <c>POST /models/gated/predict</c> waits until <see cref="OpenGate"/>. <c>POST /invocations</c> and
/// <c>POST /v2/models/{name}/infer</c> record "path body" and answer 200; model <c>v2only</c> has only V2 metadata.
/// </summary>
public sealed class FakeModelServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _predictions;

    private FakeModelServer(WebApplication app) => _app = app;

    public Uri BaseUrl { get; private set; } = null!;
    public ConcurrentQueue<string> Bodies { get; } = new();
    public ConcurrentDictionary<string, int> Connections { get; } = new();
    public long Predictions => Interlocked.Read(ref _predictions);

    public static async Task<FakeModelServer> StartAsync()
    {
        var app = LoopbackWebApp.Create();
        var server = new FakeModelServer(app);
        app.MapGet("/models/{name}", (string name) => name == "v2only"
            ? Results.NotFound()
            : Results.Text(SignatureFixtures.ModelDescription.Replace("\"name\":\"m\"", $"\"name\":\"{name}\""), "application/json"));
        app.MapGet("/v2/models/v2only", () => Results.Text(SignatureFixtures.V2Metadata, "application/json"));
        app.MapPost("/invocations", server.RecordAsync);
        app.MapPost("/v2/models/{name}/infer", server.RecordAsync);
        app.MapPost("/models/m/predict", server.PredictAsync);
        app.MapPost("/models/gated/predict", async (HttpContext context) =>
        {
            await server._gate.Task;
            context.Response.Headers["X-Served-By"] = "gated";
            await context.Response.WriteAsync("{}");
        });
        server.BaseUrl = await app.StartListeningAsync();
        return server;
    }

    public void OpenGate() => _gate.TrySetResult();

    /// <summary>The other protocols' routes: record the body, answer 200.</summary>
    private async Task RecordAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        Bodies.Enqueue($"{context.Request.Path} {await reader.ReadToEndAsync()}");
        context.Response.Headers["X-Served-By"] = "replica-a";
        await context.Response.WriteAsync("{}");
    }

    private async Task PredictAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        Bodies.Enqueue(await reader.ReadToEndAsync());
        Connections.TryAdd(context.Connection.Id, 0);
        var n = Interlocked.Increment(ref _predictions);
        context.Response.Headers["X-Served-By"] = n % 2 == 1 ? "replica-a" : "replica-b";
        context.Response.ContentType = "application/json";
        context.Response.StatusCode = n % 5 == 0 ? 500 : 200;
        await context.Response.WriteAsync(n % 5 == 0 ? """{"title":"boom"}""" : """{"model_name":"m","prediction":{"Score":0.5}}""");
    }

    public async ValueTask DisposeAsync()
    {
        OpenGate();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
