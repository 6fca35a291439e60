using System.Diagnostics;
using MlService.LoadTest.Bodies;
using MlService.LoadTest.Running;

namespace MlService.LoadTest.Tests.Running;

public sealed class OpenLoopOverloadTests : IAsyncLifetime
{
    private FakeModelServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeModelServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task RequestsBeyondTheInFlightLimitAreCountedAsClientOverloadedNotDelayed()
    {
        var stats = new RunStats();
        var inFlight = new InFlightTracker(limit: 2);
        var rows = new RowSet([new FieldSpec("x", DataKind.Int64)], [[1L]]);
        using var client = new HttpClient();
        var sender = new RequestSender(client, new Uri(_server.BaseUrl, "models/gated/predict"),
            BodyPool.Build(rows, new NativeBodyBuilder(), 1, 1), stats, TimeSpan.FromSeconds(30), newConnectionEvery: 0);
        var runner = new OpenLoopRunner(sender, stats, inFlight);

        // The gated endpoint holds both admitted requests, so the other 18 find the limit reached.
        var run = runner.RunAsync(rate: 1000, TimeSpan.FromSeconds(10), maxRequests: 20, CancellationToken.None);
        await WaitUntilAsync(() => stats.Errors.ByException().GetValueOrDefault(RunStats.ClientOverloaded) == 18);
        Assert.Equal(2, inFlight.Count);
        _server.OpenGate();
        await run.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(new RunCounters(Requests: 20, Successes: 2, Errors: 18, Rows: 2, Abandoned: 0), stats.Counters);
        Assert.Equal(0, inFlight.Count);
        Assert.Equal([new ReplicaShare("gated", 2, 100)], stats.Replicas.Shares());
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(30)) throw new TimeoutException("condition not reached in 30 s");
            await Task.Delay(10);
        }
    }
}
