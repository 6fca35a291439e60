namespace MlService.Api.Tests.Reliability;

/// <summary>MlService:Limits:RequestTimeoutSeconds: 504 problem+json, and the work behind it cancelled.</summary>
[Collection(TrainedModelsCollection.Name)]
public sealed class RequestTimeoutTests(TrainedModels models)
{
    private static readonly Dictionary<string, string?> OneSlotOneSecond = new()
    {
        ["MlService:Limits:MaxConcurrentRequests"] = "1",
        ["MlService:Limits:QueueLimit"] = "4",
        ["MlService:Limits:RequestTimeoutSeconds"] = "1",
    };

    [Fact]
    public async Task AQueuedRequestPastTheTimeoutGetsA504AndNeverReachesTheModel()
    {
        var faults = new ModelFaults();
        await using var factory = FaultyService.Create(models, faults, OneSlotOneSecond);
        var client = await factory.ReadyClientAsync();
        var before = await PrometheusText.RejectedAsync(client, 504);
        var warmUpCalls = faults.Calls;
        faults.Block();

        var first = client.PostJsonAsync("/predict", TrainedModels.HeartRow());
        await Eventually.TrueAsync(() => Task.FromResult(faults.Calls == warmUpCalls + 1), TimeSpan.FromSeconds(10), "the first request to reach the model");
        using var queued = await client.PostJsonAsync("/predict", TrainedModels.HeartRow());

        Assert.Equal(HttpStatusCode.GatewayTimeout, queued.StatusCode);
        Assert.Equal("application/problem+json", queued.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Request timed out", (string?)(await queued.ReadAsync())["title"]);
        Assert.Equal(warmUpCalls + 1, faults.Calls);

        faults.Release();
        using var late = await first;
        Assert.Equal(HttpStatusCode.GatewayTimeout, late.StatusCode); // its result came after the deadline: dropped
        Assert.Equal(2, await PrometheusText.RejectedAsync(client, 504) - before);
        using var next = await client.PostJsonAsync("/predict", TrainedModels.HeartRow());
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
    }
}
