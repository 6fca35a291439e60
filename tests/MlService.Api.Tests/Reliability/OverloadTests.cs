namespace MlService.Api.Tests.Reliability;

/// <summary>
/// Overload, made exact rather than timed: a model that holds every call until the test releases it, behind a
/// limit of 2 running + 2 queued. With both slots and the queue full, every further request must be refused at
/// once (it completes while the model is still held), probes and /metrics must keep answering, and the held
/// requests must all succeed once the model is released.
/// </summary>
[Collection(TrainedModelsCollection.Name)]
public sealed class OverloadTests(TrainedModels models)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task BeyondRunningPlusQueuedEveryRequestIsShedAtOnceWithRetryAfterWhileProbesAndAcceptedRequestsStayHealthy()
    {
        var faults = new ModelFaults();
        await using var factory = FaultyService.Create(models, faults, new Dictionary<string, string?>
        {
            ["MlService:Limits:MaxConcurrentRequests"] = "2",
            ["MlService:Limits:QueueLimit"] = "2",
        });
        var client = await factory.ReadyClientAsync();
        var limiter = factory.Services.GetRequiredService<ConcurrencyLimiter>();
        var rejectedBefore = await PrometheusText.RejectedAsync(client, 503);
        var warmUpCalls = faults.Calls;
        faults.Block();

        var running = Enumerable.Range(0, 2).Select(_ => client.PostJsonAsync("/predict", TrainedModels.HeartRow())).ToList();
        await Eventually.TrueAsync(() => Task.FromResult(faults.Calls == warmUpCalls + 2), Bound, "two requests inside the model");
        var queued = Enumerable.Range(0, 2).Select(_ => client.PostJsonAsync("/predict", TrainedModels.HeartRow())).ToList();
        await Eventually.TrueAsync(() => Task.FromResult(limiter.Waiting == 2), Bound, "two requests waiting for a slot");
        Assert.Equal(2, limiter.Running);
        Assert.True(await PrometheusText.SampleAsync(client, "mlservice_requests_queued") >= 2, "the queue is visible in /metrics");

        // The model is still held: had any of these waited for a slot, it could not have completed.
        var shed = await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ =>
        {
            using var response = await client.PostJsonAsync("/predict", TrainedModels.HeartRow());
            return (response.StatusCode, RetryAfter: response.Headers.RetryAfter?.ToString(),
                response.Content.Headers.ContentType?.MediaType, Body: await response.ReadAsync());
        })).WaitAsync(Bound);
        Assert.All(shed, r =>
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, r.StatusCode);
            Assert.Equal("1", r.RetryAfter);
            Assert.Equal("application/problem+json", r.MediaType);
            Assert.Equal("Server overloaded", (string?)r.Body["title"]);
        });
        Assert.Equal(20, await PrometheusText.RejectedAsync(client, 503) - rejectedBefore);
        foreach (var probe in new[] { "/health/live", "/health/ready", "/metrics" })
        {
            using var response = await client.GetAsync(probe);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        Assert.Equal(warmUpCalls + 2, faults.Calls);
        Assert.Equal(2, limiter.Waiting);

        faults.Release();
        foreach (var request in running.Concat(queued))
        {
            using var response = await request.WaitAsync(Bound);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        Assert.Equal(warmUpCalls + 4, faults.Calls);
        Assert.Equal(0, limiter.Waiting);
        Assert.Equal(0, limiter.Running);
        using var after = await client.PostJsonAsync("/predict", TrainedModels.HeartRow());
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }
}
