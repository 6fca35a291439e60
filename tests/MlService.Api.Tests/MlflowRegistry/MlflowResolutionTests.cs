namespace MlService.Api.Tests.MlflowRegistry;

/// <summary>
/// With MLFLOW_TRACKING_URI, <c>models:/</c>, <c>runs:/</c> and <c>mlflow-artifacts:/</c> are resolved through the
/// tracking server (here the stand-in) and the files come through its artifacts proxy; MLflow's refusals reach
/// readiness word for word.
/// </summary>
[Collection(MlflowRegistryCollection.Name)]
public sealed class MlflowResolutionTests(TrainedModels models)
{
    [Theory]
    [InlineData("models:/heart@production", "2")]
    [InlineData("models:/heart/latest", "3")]
    [InlineData("models:/heart/1", "1")]
    public async Task RegistryUrisServeTheVersionMlflowNames(string uri, string expected)
    {
        await using var mlflow = await MlflowStandIn.StartAsync();
        await MlflowPublishing.LogAndRegisterAsync(mlflow, "heart", models.Good);
        await MlflowPublishing.LogAndRegisterAsync(mlflow, "heart", models.Good, alias: "production");
        await MlflowPublishing.LogAndRegisterAsync(mlflow, "heart", models.Good);
        await using var service = new ServiceFactory(MlflowPublishing.ServiceSettings(mlflow, uri, models.Root));
        using var client = await service.ReadyClientAsync();

        var predict = await client.PostJsonAsync("/predict", TrainedModels.HeartRow());

        Assert.Equal(HttpStatusCode.OK, predict.StatusCode);
        Assert.Equal(expected, predict.Headers.GetValues("X-Model-Version").Single());
        Assert.Contains(mlflow.Requests, r => r.StartsWith("GET /api/2.0/mlflow-artifacts/artifacts/1/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunsAndMlflowArtifactsUrisAreServed()
    {
        await using var mlflow = await MlflowStandIn.StartAsync();
        var published = await MlflowPublishing.LogAndRegisterAsync(mlflow, "heart", models.Good);
        var artifactsUri = $"{published.ArtifactUri}/model";

        var runSettings = MlflowPublishing.ServiceSettings(mlflow, $"runs:/{published.RunId}/model", models.Root);
        // Without a name, a run's "model" folder is served under the run id ("model" says nothing).
        runSettings.Remove("MlService:Models:0:Name");
        await using var byRun = new ServiceFactory(runSettings);
        using var runClient = await byRun.ReadyClientAsync();
        await using var byArtifacts = new ServiceFactory(MlflowPublishing.ServiceSettings(mlflow, artifactsUri, models.Root));
        using var artifactsClient = await byArtifacts.ReadyClientAsync();

        Assert.StartsWith("mlflow-artifacts:/", artifactsUri);
        Assert.Equal(HttpStatusCode.OK, (await runClient.PostJsonAsync($"/models/{published.RunId}/predict", TrainedModels.HeartRow())).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await artifactsClient.PostJsonAsync("/predict", TrainedModels.HeartRow())).StatusCode);
        Assert.Contains(mlflow.Requests, r => r == "GET /api/2.0/mlflow/runs/get");
    }

    [Fact]
    public async Task AnUnknownModelIsNotReadyWithMlflowsResourceDoesNotExist()
    {
        await using var mlflow = await MlflowStandIn.StartAsync();
        await using var service = new ServiceFactory(MlflowPublishing.ServiceSettings(mlflow, "models:/ghost@production", models.Root));
        using var client = service.CreateClient();

        var body = await NotReadyBodyAsync(client, "RESOURCE_DOES_NOT_EXIST");

        Assert.Contains("models:/ghost@production: MLflow at " + mlflow.TrackingUri, body);
        Assert.Contains("RESOURCE_DOES_NOT_EXIST: Registered Model with name=ghost not found", body);
    }

    [Fact]
    public async Task AMissingAliasOnAKnownModelIsNotReadyWithMlflowsInvalidParameterValue()
    {
        await using var mlflow = await MlflowStandIn.StartAsync();
        await MlflowPublishing.LogAndRegisterAsync(mlflow, "heart", models.Good, alias: "production");
        await using var service = new ServiceFactory(MlflowPublishing.ServiceSettings(mlflow, "models:/heart@staging", models.Root));
        using var client = service.CreateClient();

        var body = await NotReadyBodyAsync(client, "INVALID_PARAMETER_VALUE");

        Assert.Contains("INVALID_PARAMETER_VALUE: Registered model alias staging not found.", body);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.PostJsonAsync("/predict", TrainedModels.HeartRow())).StatusCode);
    }

    [Theory]
    [InlineData("runs:/0a1b2c3d/model")]
    [InlineData("mlflow-artifacts:/1/0a1b2c3d/artifacts/model")]
    public async Task AnMlflowUriWithoutATrackingServerEndsTheProcessWithExitCode2(string uri)
    {
        var (exitCode, output) = await ServiceProcess.RunToExitAsync(new Dictionary<string, string?>
        {
            ["MODEL_URI"] = uri,
            ["MlService__Store__CacheDirectory"] = Path.Combine(models.Root, "cache-unused"),
        });

        Assert.True(exitCode == 2, $"exit {exitCode}:\n{output}");
        Assert.Contains($"MlService:Models:0:Uri: '{uri}' is resolved through MLflow: set MLFLOW_TRACKING_URI", output);
        Assert.DoesNotContain("   at ", output);
    }

    /// <summary>Readiness stays 503 and, once the first attempt is over, says why.</summary>
    internal static async Task<string> NotReadyBodyAsync(HttpClient client, string reason) =>
        await Eventually.ReturnsAsync(async () =>
        {
            using var response = await client.GetAsync("/health/ready");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            // Unescaped, so the assertions read MLflow's message as written ('=' and quotes are escaped on the wire).
            return System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!
                .ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        }, body => body.Contains(reason, StringComparison.Ordinal), TimeSpan.FromSeconds(30), $"readiness to name {reason}");
}
