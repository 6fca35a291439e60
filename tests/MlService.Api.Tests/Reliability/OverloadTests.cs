using System.Diagnostics;
using System.Net;
using MlService.Api.Tests.Infrastructure;
using Xunit.Abstractions;

namespace MlService.Api.Tests.Reliability;

/// <summary>
/// Overload: a model with a fixed service time behind a limit of 2 running + 2 queued. The sustainable rate is
/// measured first with a closed loop of 4 clients; then an open loop sends twice that rate. Compares counts, not times.
/// </summary>
[Collection(TrainedModelsCollection.Name)]
public sealed class OverloadTests(TrainedModels models, ITestOutputHelper output)
{
    private sealed record Outcome(HttpStatusCode Status, string? RetryAfter, string? ContentType, double Milliseconds);

    [Fact]
    public async Task TwiceTheSustainableRateIsShedFastWithRetryAfterWhileProbesAndAcceptedRequestsStayHealthy()
    {
        var faults = new ModelFaults { ServiceTime = TimeSpan.FromMilliseconds(50) };
        await using var factory = FaultyService.Create(models, faults, new Dictionary<string, string?>
        {
            ["MlService:Limits:MaxConcurrentRequests"] = "2",
            ["MlService:Limits:QueueLimit"] = "2",
        });
        var client = await factory.ReadyClientAsync();

        var probeWindow = TimeSpan.FromSeconds(2);
        // As many closed-loop clients as slots + queue: the server is kept saturated, yet nothing is refused.
        var closed = await ClosedLoopAsync(client, clients: 4, probeWindow);
        var sustainable = closed.Count(o => o.Status == HttpStatusCode.OK) / probeWindow.TotalSeconds;
        Assert.All(closed, o => Assert.Equal(HttpStatusCode.OK, o.Status));
        var rejectedBefore = await PrometheusText.RejectedAsync(client, 503);

        using var stopProbes = new CancellationTokenSource();
        var probes = PollProbesAsync(client, stopProbes.Token);
        var overload = TimeSpan.FromSeconds(4);
        var outcomes = await OpenLoopAsync(client, rate: 2 * sustainable, overload);
        await stopProbes.CancelAsync();
        var probeStatuses = await probes;

        var accepted = outcomes.Where(o => o.Status == HttpStatusCode.OK).ToList();
        var rejected = outcomes.Where(o => o.Status == HttpStatusCode.ServiceUnavailable).ToList();
        output.WriteLine($"sustainable {sustainable:F0}/s; sent {outcomes.Count} at {2 * sustainable:F0}/s: accepted {accepted.Count}, rejected {rejected.Count}; " +
                         $"median ms accepted {Median(accepted):F1}, rejected {Median(rejected):F1}; probes {probeStatuses.Count}");

        Assert.Equal(outcomes.Count, accepted.Count + rejected.Count); // nothing else: no 5xx other than the shed 503s, no timeouts
        Assert.True(rejected.Count >= outcomes.Count / 5, $"about half should be shed, got {rejected.Count} of {outcomes.Count}");
        Assert.True(accepted.Count >= sustainable * overload.TotalSeconds / 2, $"the server keeps working at capacity: {accepted.Count} accepted");
        Assert.All(rejected, o =>
        {
            Assert.Equal("1", o.RetryAfter);
            Assert.Equal("application/problem+json", o.ContentType);
        });
        Assert.True(Median(rejected) < Median(accepted), "a refusal is answered before an accepted request's model work");
        Assert.Equal(rejected.Count, await PrometheusText.RejectedAsync(client, 503) - rejectedBefore);
        Assert.NotEmpty(probeStatuses);
        Assert.All(probeStatuses, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
    }

    private static async Task<Outcome> SendAsync(HttpClient client)
    {
        var clock = Stopwatch.StartNew();
        using var response = await client.PostJsonAsync("/predict", TrainedModels.HeartRow());
        await response.Content.ReadAsByteArrayAsync();
        return new Outcome(response.StatusCode, response.Headers.RetryAfter?.ToString(), response.Content.Headers.ContentType?.MediaType, clock.Elapsed.TotalMilliseconds);
    }

    private static async Task<List<Outcome>> ClosedLoopAsync(HttpClient client, int clients, TimeSpan duration)
    {
        var clock = Stopwatch.StartNew();
        var loops = Enumerable.Range(0, clients).Select(async _ =>
        {
            var mine = new List<Outcome>();
            while (clock.Elapsed < duration) mine.Add(await SendAsync(client));
            return mine;
        });
        return (await Task.WhenAll(loops)).SelectMany(x => x).ToList();
    }

    /// <summary>Requests sent at their scheduled times whatever the answers (an open loop), then all awaited.</summary>
    private static async Task<List<Outcome>> OpenLoopAsync(HttpClient client, double rate, TimeSpan duration)
    {
        var pending = new List<Task<Outcome>>();
        var clock = Stopwatch.StartNew();
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(5));
        while (clock.Elapsed < duration)
        {
            var due = (int)(clock.Elapsed.TotalSeconds * rate);
            while (pending.Count < due) pending.Add(Task.Run(() => SendAsync(client)));
            await tick.WaitForNextTickAsync();
        }
        return (await Task.WhenAll(pending)).ToList();
    }

    private static async Task<List<HttpStatusCode>> PollProbesAsync(HttpClient client, CancellationToken stop)
    {
        var statuses = new List<HttpStatusCode>();
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        while (!stop.IsCancellationRequested)
        {
            foreach (var path in new[] { "/health/ready", "/health/live", "/metrics" })
            {
                using var response = await client.GetAsync(path, CancellationToken.None);
                statuses.Add(response.StatusCode);
            }
            try { await tick.WaitForNextTickAsync(stop); } catch (OperationCanceledException) { break; }
        }
        return statuses;
    }

    private static double Median(List<Outcome> outcomes) =>
        outcomes.Count == 0 ? double.NaN : outcomes.Select(o => o.Milliseconds).Order().ElementAt(outcomes.Count / 2);
}
