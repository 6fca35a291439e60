using Microsoft.Extensions.Time.Testing;

namespace MlService.Api.Tests.Functional;

[Collection(TrainedModelsCollection.Name)]
public sealed class ProbeTests(TrainedModels models)
{
    [Theory]
    [InlineData("/health/live")]
    [InlineData("/livez")]
    [InlineData("/health/ready")]
    [InlineData("/readyz")]
    [InlineData("/health/startup")]
    public async Task EveryProbeIs200WithAHealthyJsonBodyOnceModelsAreLoaded(string path)
    {
        await using var factory = new ServiceFactory(models);
        var client = await factory.ReadyClientAsync();

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", (string?)(await response.ReadAsync())["status"]);
    }

    [Fact]
    public async Task AModelThatCannotLoadKeepsReadinessAt503WithTheReasonButLivenessAt200()
    {
        await using var factory = new ServiceFactory(models, new Dictionary<string, string?>
        {
            ["MlService:Models:0:Uri"] = "models:/heart-disease@no-such-alias",
        });
        var client = factory.CreateClient();

        var ready = await Eventually.ReturnsAsync(() => client.GetAsync("/health/ready"), r => r.StatusCode == HttpStatusCode.ServiceUnavailable,
            TimeSpan.FromSeconds(30), "readiness 503");
        var body = await ready.ReadAsync();
        Assert.Equal("Unhealthy", (string?)body["status"]);
        await Eventually.TrueAsync(async () =>
            (string?)(await (await client.GetAsync("/health/ready")).ReadAsync())["entries"]!["models"]!["data"]!["heart-disease"]!["error"] is { } error
            && error.Contains("no-such-alias"), TimeSpan.FromSeconds(30), "the failure reason in readiness");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health/startup")).StatusCode);
    }

    [Fact]
    public async Task PredictingWithAModelThatIsNotLoadedIsA503WithRetryAfter()
    {
        await using var factory = new ServiceFactory(models, new Dictionary<string, string?>
        {
            ["MlService:Models:0:Uri"] = "models:/heart-disease@no-such-alias",
        });
        var client = factory.CreateClient();

        var response = await client.PostJsonAsync("/predict", TrainedModels.HeartRow());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var detail = (string?)(await response.ReadAsync())["detail"];
        Assert.Contains("heart-disease", detail);
    }

    [Fact]
    public async Task ReadinessIsNeverTrueForAModelThatIsLoadingEvenIfOthersAreReady()
    {
        await using var factory = new ServiceFactory(models, new Dictionary<string, string?>
        {
            ["MlService:Models:1:Uri"] = "models:/mixed/99",
        });
        var client = factory.CreateClient();
        await Eventually.TrueAsync(async () => (await client.PostJsonAsync("/predict", TrainedModels.HeartRow())).StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(60), "heart-disease serving");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health/ready")).StatusCode);
        var status = (await (await client.GetAsync("/models/mixed")).ReadAsync())["status"]!.GetValue<string>();
        Assert.Contains(status, new[] { "loading", "failed" });
    }

    [Fact]
    public async Task TheDemoStartupDelayHoldsReadinessUntilItPasses()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var factory = new ServiceFactory(models, new Dictionary<string, string?> { ["MlService:Demo:StartupDelaySeconds"] = "20" }, time);
        var client = factory.CreateClient();

        var early = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, early.StatusCode);
        Assert.Contains("StartupDelaySeconds", (await early.ReadAsync()).ToJsonString());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);

        time.Advance(TimeSpan.FromSeconds(21));
        await Eventually.TrueAsync(async () => (await client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(60), "ready after the demo delay");
    }

    [Fact]
    public async Task TheDemoLivenessFailureTurnsLivenessTo503AfterItsTime()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var factory = new ServiceFactory(models, new Dictionary<string, string?> { ["MlService:Demo:FailLivenessAfterSeconds"] = "60" }, time);
        var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);

        time.Advance(TimeSpan.FromSeconds(61));

        var response = await client.GetAsync("/livez");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("FailLivenessAfterSeconds", (await response.ReadAsync()).ToJsonString());
    }
}
