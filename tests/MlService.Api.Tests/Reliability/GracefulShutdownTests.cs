using System.Net.Http.Headers;

namespace MlService.Api.Tests.Reliability;

/// <summary>
/// SIGTERM on a real process: readiness 503 at once, serving through the drain delay, listener closed, in-flight
/// requests finished, exit 0 within DrainDelaySeconds + TimeoutSeconds. Two instances behind a readiness-aware
/// proxy under continuous load: not one request fails while instance A stops.
/// </summary>
[Collection(TrainedModelsCollection.Name)]
public sealed class GracefulShutdownTests(TrainedModels models, ITestOutputHelper output)
{
    private const int DrainSeconds = 3;
    private const int TimeoutSeconds = 10;

    private Dictionary<string, string?> Env(int drainSeconds = DrainSeconds, int timeoutSeconds = TimeoutSeconds, int requestTimeoutSeconds = 30) =>
        models.HeartDiseaseProcess("cache-shutdown",
            ("MlService__Shutdown__DrainDelaySeconds", drainSeconds.ToString(CultureInfo.InvariantCulture)),
            ("MlService__Shutdown__TimeoutSeconds", timeoutSeconds.ToString(CultureInfo.InvariantCulture)),
            ("MlService__Limits__RequestTimeoutSeconds", requestTimeoutSeconds.ToString(CultureInfo.InvariantCulture)));

    private static async Task<HttpClient> ReadyAsync(ServiceProcess service)
    {
        var client = service.CreateClient();
        await Eventually.TrueAsync(async () => (await client.GetAsync("/readyz")).StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(60), "instance ready");
        return client;
    }

    private static StallingContent SlowBody()
    {
        var content = new StallingContent(TrainedModels.HeartRow());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    private static bool Listening(Uri address)
    {
        try
        {
            using var socket = new TcpClient();
            socket.Connect(address.Host, address.Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    [Fact]
    public async Task AnInstanceStoppedUnderLoadBehindAReadinessAwareProxyFailsNoRequest()
    {
        await using var a = await ServiceProcess.StartAsync(Env());
        await using var b = await ServiceProcess.StartAsync(Env());
        using var clientA = await ReadyAsync(a);
        using var clientB = await ReadyAsync(b);
        await using var proxy = await ReadinessRoutingProxy.StartAsync(a.BaseAddress, b.BaseAddress);
        await Eventually.TrueAsync(() => Task.FromResult(proxy.IsReady(0) && proxy.IsReady(1)), TimeSpan.FromSeconds(10), "the proxy to see both ready");

        using var load = new ClosedLoopLoad(proxy.BaseAddress, clients: 4, maxDuration: TimeSpan.FromSeconds(40));
        await Eventually.TrueAsync(() => Task.FromResult(proxy.Served(0) >= 20 && proxy.Served(1) >= 20), TimeSpan.FromSeconds(20), "both instances serving");

        // A request already in flight on A when it is told to stop: its body is still arriving.
        var slow = SlowBody();
        var inFlight = clientA.PostAsync("/predict", slow);
        await slow.FirstPartSent;

        var stopping = Stopwatch.StartNew();
        Signals.Terminate(a.Process.Id);
        await Eventually.TrueAsync(() => Task.FromResult(!proxy.IsReady(0)), TimeSpan.FromSeconds(5), "A's readiness to turn 503");
        var notReadyAfter = stopping.Elapsed;
        var servedByBAtTerm = proxy.Served(1);
        Assert.True(Listening(a.BaseAddress), "A keeps listening through the drain delay");

        await Eventually.TrueAsync(() => Task.FromResult(!Listening(a.BaseAddress)), TimeSpan.FromSeconds(DrainSeconds + 10), "A to close its listener");
        var closedAfter = stopping.Elapsed;
        slow.Finish();
        using var finished = await inFlight;
        using var exit = new CancellationTokenSource(TimeSpan.FromSeconds(DrainSeconds + TimeoutSeconds + 10));
        await a.Process.WaitForExitAsync(exit.Token);
        var exitedAfter = stopping.Elapsed;
        await Eventually.TrueAsync(() => Task.FromResult(proxy.Served(1) >= servedByBAtTerm + 50), TimeSpan.FromSeconds(20), "B to serve the rest");
        var result = await load.StopAsync();

        output.WriteLine($"sent {result.Sent}, failed {result.Failed}, p99 {result.P99Milliseconds:F1} ms; A served {proxy.Served(0)}, B served {proxy.Served(1)} " +
                         $"({proxy.Served(1) - servedByBAtTerm} after SIGTERM); A not ready after {notReadyAfter.TotalSeconds:F2}s, " +
                         $"listener closed after {closedAfter.TotalSeconds:F2}s, exited after {exitedAfter.TotalSeconds:F2}s with {a.Process.ExitCode}");
        Assert.True(result.Failed == 0, $"{result.Failed} failed: {string.Join("; ", result.FailureKinds)}");
        Assert.True(result.Sent > 200, $"continuous load: {result.Sent} requests");
        Assert.True(finished.StatusCode == HttpStatusCode.OK, $"in-flight request: {(int)finished.StatusCode} {await finished.Content.ReadAsStringAsync()}");
        Assert.Equal(0, a.Process.ExitCode);
        Assert.True(closedAfter >= TimeSpan.FromSeconds(DrainSeconds), $"the listener stayed open for the drain delay ({closedAfter.TotalSeconds:F2}s)");
        Assert.True(exitedAfter < TimeSpan.FromSeconds(DrainSeconds + TimeoutSeconds), $"exit within drain + timeout ({exitedAfter.TotalSeconds:F2}s)");
        Assert.Contains("readiness is now 503", a.Output);
        Assert.Equal(HttpStatusCode.OK, (await clientB.GetAsync("/readyz")).StatusCode);
    }

    [Fact]
    public async Task AnInFlightRequestOutlastingTheShutdownTimeoutIsCutOffAndTheProcessStillExitsZeroInTime()
    {
        await using var service = await ServiceProcess.StartAsync(Env(drainSeconds: 1, timeoutSeconds: 2));
        using var client = await ReadyAsync(service);
        var slow = SlowBody();
        var inFlight = client.PostAsync("/predict", slow);
        await slow.FirstPartSent;

        var stopping = Stopwatch.StartNew();
        Signals.Terminate(service.Process.Id);
        using var exit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await service.Process.WaitForExitAsync(exit.Token);
        var exitedAfter = stopping.Elapsed;
        slow.Finish();

        output.WriteLine($"exited after {exitedAfter.TotalSeconds:F2}s with {service.Process.ExitCode}");
        Assert.Equal(0, service.Process.ExitCode);
        Assert.True(exitedAfter >= TimeSpan.FromSeconds(1 + 2) - TimeSpan.FromMilliseconds(200), $"waited for the in-flight request ({exitedAfter.TotalSeconds:F2}s)");
        Assert.True(exitedAfter < TimeSpan.FromSeconds(1 + 2 + 5), $"but not longer than the bound ({exitedAfter.TotalSeconds:F2}s)");
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => inFlight);
    }

    [Fact]
    public async Task ABodyArrivingSlowerThanTheRequestTimeoutGetsA504OverRealSockets()
    {
        await using var service = await ServiceProcess.StartAsync(Env(requestTimeoutSeconds: 1));
        using var client = await ReadyAsync(service);
        var row = TrainedModels.HeartRow();

        using var slow = await RawHttpRequest.StartAsync(service.BaseAddress, "/predict", row, row.Length / 2);
        var (status, text) = await slow.ReadResponseAsync(TimeSpan.FromSeconds(15));

        Assert.Equal(504, status);
        Assert.Contains("application/problem+json", text);
        Assert.Contains("Request timed out", text);
        using var next = await client.PostJsonAsync("/predict", row);
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
    }
}
