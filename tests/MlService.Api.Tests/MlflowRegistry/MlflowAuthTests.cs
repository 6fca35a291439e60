namespace MlService.Api.Tests.MlflowRegistry;

/// <summary>
/// MLflow's auth: MLFLOW_TRACKING_TOKEN (bearer) or MLFLOW_TRACKING_USERNAME + MLFLOW_TRACKING_PASSWORD (basic).
/// Missing credentials (401) and refused ones (403) keep the model not ready with the reason; right ones serve.
/// </summary>
[Collection(MlflowRegistryCollection.Name)]
public sealed class MlflowAuthTests(TrainedModels models)
{
    [Fact]
    public async Task NoCredentialsAre401AndAWrongTokenIs403BothNamedByReadiness()
    {
        await using var mlflow = await MlflowStandIn.StartAsync(token: "secret-token-1234");
        await MlflowPublishing.LogAndRegisterAsync(mlflow, "heart", models.Good, alias: "production");
        await using var without = new ServiceFactory(MlflowPublishing.ServiceSettings(mlflow, "models:/heart@production", models.Root));
        var wrongSettings = MlflowPublishing.ServiceSettings(mlflow, "models:/heart@production", models.Root);
        wrongSettings["MlService:Mlflow:Token"] = "wrong-token-5678";
        await using var wrong = new ServiceFactory(wrongSettings);

        var withoutBody = await MlflowResolutionTests.NotReadyBodyAsync(without.CreateClient(), "401");
        var wrongBody = await MlflowResolutionTests.NotReadyBodyAsync(wrong.CreateClient(), "403");

        Assert.Contains("not authenticated; set MLFLOW_TRACKING_TOKEN", withoutBody);
        Assert.Contains("credentials are refused", wrongBody);
        Assert.DoesNotContain("wrong-token-5678", wrongBody);
    }

    [Fact]
    public async Task ATokenOrBasicCredentialsServeTheModel()
    {
        await using var tokenServer = await MlflowStandIn.StartAsync(token: "secret-token-1234");
        await MlflowPublishing.LogAndRegisterAsync(tokenServer, "heart", models.Good, alias: "production");
        await using var basicServer = await MlflowStandIn.StartAsync(basic: ("alice", "pa55word"));
        await MlflowPublishing.LogAndRegisterAsync(basicServer, "heart", models.Good, alias: "production");
        var tokenSettings = MlflowPublishing.ServiceSettings(tokenServer, "models:/heart@production", models.Root);
        tokenSettings["MlService:Mlflow:Token"] = "secret-token-1234";
        var basicSettings = MlflowPublishing.ServiceSettings(basicServer, "models:/heart@production", models.Root);
        basicSettings["MlService:Mlflow:Username"] = "alice";
        basicSettings["MlService:Mlflow:Password"] = "pa55word";
        await using var byToken = new ServiceFactory(tokenSettings);
        await using var byBasic = new ServiceFactory(basicSettings);

        using var tokenClient = await byToken.ReadyClientAsync();
        using var basicClient = await byBasic.ReadyClientAsync();

        Assert.Equal(HttpStatusCode.OK, (await tokenClient.PostJsonAsync("/predict", TrainedModels.HeartRow())).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await basicClient.PostJsonAsync("/predict", TrainedModels.HeartRow())).StatusCode);
    }
}
