namespace MlService.Api.Tests.MlflowRegistry;

/// <summary>
/// The tracking server down at start: not ready with the reason, ready without a restart once it is back. The
/// tracking server gone after the load: the loaded version keeps serving, readiness is degraded, not 503.
/// </summary>
[Collection(MlflowRegistryCollection.Name)]
public sealed class MlflowOutageTests(TrainedModels models)
{
    [Fact]
    public async Task DownAtStartIsNotReadyWithTheReasonAndRecoversWithoutARestart()
    {
        await using var mlflow = await MlflowStandIn.StartAsync();
        await MlflowPublishing.LogAndRegisterAsync(mlflow, "heart", models.Good, alias: "production");
        await mlflow.StopAsync();
        await using var service = new ServiceFactory(MlflowPublishing.ServiceSettings(mlflow, "models:/heart@production", models.Root));
        using var client = service.CreateClient();

        var body = await MlflowResolutionTests.NotReadyBodyAsync(client, "unreachable");
        var predictWhileDown = await client.PostJsonAsync("/predict", TrainedModels.HeartRow());
        await mlflow.StartAgainAsync();
        await Eventually.TrueAsync(async () => (await client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(30), "ready once the tracking server is back");
        var predict = await client.PostJsonAsync("/predict", TrainedModels.HeartRow());

        Assert.Contains($"MLflow tracking server {mlflow.TrackingUri} is unreachable", body);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, predictWhileDown.StatusCode);
        Assert.Equal(HttpStatusCode.OK, predict.StatusCode);
        Assert.Equal("1", predict.Headers.GetValues("X-Model-Version").Single());
    }

    [Fact]
    public async Task GoneAfterTheLoadKeepsServingWithReadinessDegraded()
    {
        await using var mlflow = await MlflowStandIn.StartAsync();
        await MlflowPublishing.LogAndRegisterAsync(mlflow, "heart", models.Good, alias: "production");
        var settings = MlflowPublishing.ServiceSettings(mlflow, "models:/heart@production", models.Root);
        settings["MlService:Store:PollIntervalSeconds"] = "1";
        await using var service = new ServiceFactory(settings);
        using var client = await service.ReadyClientAsync();

        await mlflow.StopAsync();
        var readiness = await Eventually.ReturnsAsync(async () => await (await client.GetAsync("/health/ready")).ReadAsync(),
            r => (string?)r["status"] == "Degraded", TimeSpan.FromSeconds(30), "a failed poll to degrade readiness");
        var predict = await client.PostJsonAsync("/predict", TrainedModels.HeartRow());
        var ready = await client.GetAsync("/health/ready");

        Assert.Contains("unreachable", (string?)readiness["entries"]!["store"]!["description"]);
        Assert.Equal("Healthy", (string?)readiness["entries"]!["models"]!["status"]);
        Assert.Equal(HttpStatusCode.OK, predict.StatusCode);
        Assert.Equal("1", predict.Headers.GetValues("X-Model-Version").Single());
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }
}
