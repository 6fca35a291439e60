namespace MlService.Api.Tests.Protocols;

/// <summary>
/// The V2 model repository extension over the configured models (heart-disease@production and mixed, plus a model whose
/// file is not a model): index, unload (the model answers 404 everywhere, the server stays ready) and load (it comes back
/// from its configured URI).
/// </summary>
[Collection(TrainedModelsCollection.Name)]
public sealed class ModelRepositoryTests(TrainedModels models) : ModelFilesServiceTests(models, "mlservice-repository-")
{
    protected override Dictionary<string, string?> WriteModels()
    {
        File.WriteAllText(Path.Combine(Root, "broken.onnx"), "not an ONNX graph");
        return new Dictionary<string, string?>
        {
            ["MlService:Models:2:Name"] = "broken",
            ["MlService:Models:2:Uri"] = Path.Combine(Root, "broken.onnx"),
        };
    }

    /// <summary>The broken model never loads, so the service never reports ready: wait until no model is loading.</summary>
    protected override Task UntilStartedAsync() =>
        Eventually.TrueAsync(async () => (await IndexAsync()).Count(m => m!["state"]!.GetValue<string>() != "LOADING") == 3,
            TimeSpan.FromSeconds(60), "every model loaded or failed");

    private async Task<JsonArray> IndexAsync(string body = "") =>
        (await (await Client.PostJsonAsync("/v2/repository/index", body)).ReadAsync()).AsArray();

    private static JsonNode Entry(JsonArray index, string name) => index.Single(m => m!["name"]!.GetValue<string>() == name)!;

    private Task<HttpResponseMessage> InferAsync() => Client.PostJsonAsync("/v2/models/heart-disease/infer",
        """{"inputs": [{"name": "age", "datatype": "INT64", "shape": [1], "data": [63]}]}""");

    [Fact]
    public async Task TheIndexListsEveryModelWithItsVersionAndStateAndFiltersReadyOnes()
    {
        var all = await IndexAsync();
        var ready = await IndexAsync("""{"ready": true}""");

        Assert.Equal("""{"name":"heart-disease","version":"1","state":"READY","reason":""}""", Entry(all, "heart-disease").ToJsonString());
        Assert.Equal("UNAVAILABLE", Entry(all, "broken")["state"]!.GetValue<string>());
        Assert.Contains("'broken.onnx' is not a loadable ONNX model", Entry(all, "broken")["reason"]!.GetValue<string>());
        Assert.Equal(["heart-disease", "mixed"], ready.Select(m => m!["name"]!.GetValue<string>()).Order());
    }

    [Fact]
    public async Task AnUnloadedModelAnswers404EverywhereUntilLoadedAgain()
    {
        var unload = await Client.PostJsonAsync("/v2/repository/models/heart-disease/unload", "");

        Assert.Equal(HttpStatusCode.OK, unload.StatusCode);
        Assert.Equal("""{"name":"heart-disease","unload":true}""", (await unload.ReadAsync()).ToJsonString());
        var infer = await InferAsync();
        Assert.Equal(HttpStatusCode.NotFound, infer.StatusCode);
        Assert.Contains("was unloaded", (await infer.ReadAsync())["error"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync("/v2/models/heart-disease/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.PostJsonAsync("/models/heart-disease/predict", TrainedModels.HeartRow())).StatusCode);
        Assert.Equal("""{"name":"heart-disease","state":"UNAVAILABLE","reason":"unloaded"}""", Entry(await IndexAsync(), "heart-disease").ToJsonString());
        Assert.Equal("unloaded", (await (await Client.GetAsync("/models/heart-disease")).ReadAsync())["status"]!.GetValue<string>());

        var load = await Client.PostJsonAsync("/v2/repository/models/heart-disease/load", "{}");

        Assert.Equal(HttpStatusCode.OK, load.StatusCode);
        Assert.Equal("""{"name":"heart-disease","load":true}""", (await load.ReadAsync()).ToJsonString());
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync("/v2/models/heart-disease/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Client.PostJsonAsync("/models/heart-disease/predict", TrainedModels.HeartRow())).StatusCode);
        Assert.Equal("READY", Entry(await IndexAsync(), "heart-disease")["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task AnUnloadIsVisibleInTheModelReadyGaugeAtOnce()
    {
        await Client.PostJsonAsync("/v2/repository/models/mixed/unload", "");

        var metrics = await Client.GetStringAsync("/metrics");

        Assert.Contains("mlservice_model_ready{model=\"mixed\"} 0", metrics);
        Assert.Contains("mlservice_model_ready{model=\"heart-disease\"} 1", metrics);
    }

    [Fact]
    public async Task UnloadingAModelDoesNotMakeTheServerUnready()
    {
        await Client.PostJsonAsync("/v2/repository/models/broken/unload", "");
        await Client.PostJsonAsync("/v2/repository/models/mixed/unload", "");

        var ready = await Client.GetAsync("/v2/health/ready");

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    [Fact]
    public async Task ALoadThatFailsAnswers400WithTheReason()
    {
        var load = await Client.PostJsonAsync("/v2/repository/models/broken/load", "");

        Assert.Equal(HttpStatusCode.BadRequest, load.StatusCode);
        var error = (await load.ReadAsync())["error"]!.GetValue<string>();
        Assert.StartsWith("failed to load model 'broken': ", error);
        Assert.Contains("is not a loadable ONNX model", error);
    }

    [Theory]
    [InlineData("load")]
    [InlineData("unload")]
    public async Task AnUnknownModelIs404(string action)
    {
        var response = await Client.PostJsonAsync($"/v2/repository/models/nope/{action}", "");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("model 'nope' is not served here", (await response.ReadAsync())["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task ALoadWithAConfigOverrideIsNotImplemented()
    {
        var response = await Client.PostJsonAsync("/v2/repository/models/mixed/load", """{"parameters": {"config": "{\"backend\": \"onnxruntime\"}"}}""");

        Assert.Equal(HttpStatusCode.NotImplemented, response.StatusCode);
        Assert.Contains("load parameters (config) are not supported", (await response.ReadAsync())["error"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("[]", "must be a JSON object")]
    [InlineData("""{"ready": "yes"}""", "'ready' must be true or false")]
    [InlineData("{", "malformed JSON")]
    public async Task ABadIndexBodyIs400(string body, string message)
    {
        var response = await Client.PostJsonAsync("/v2/repository/index", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, (await response.ReadAsync())["error"]!.GetValue<string>());
    }
}
