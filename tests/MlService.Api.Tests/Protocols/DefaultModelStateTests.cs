namespace MlService.Api.Tests.Protocols;

/// <summary>What each protocol answers when the model cannot serve: not loaded (404/503) or failing while predicting (500).</summary>
[Collection(TrainedModelsCollection.Name)]
public sealed class DefaultModelStateTests(TrainedModels models) : IDisposable
{
    private readonly OnnxModelFiles _onnx = new();

    /// <summary>The default model is a registry name with no version in the store: it never loads.</summary>
    private ServiceFactory Unloadable() => new(models, new Dictionary<string, string?>
    {
        ["MlService:Models:0:Uri"] = "models:/ghost/latest",
        ["MlService:Models:1:Uri"] = _onnx.PathOf(OnnxModelFiles.Gather),
        ["MlService:Models:1:Name"] = OnnxModelFiles.Gather,
    });

    [Theory]
    [InlineData("/ping")]
    [InlineData("/health")]
    public async Task PingIs404WithANewlineWhileTheDefaultModelIsNotLoaded(string path)
    {
        await using var factory = Unloadable();

        var response = await factory.CreateClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("\n", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task InvocationsIs503TemporarilyUnavailableWithRetryAfter()
    {
        await using var factory = Unloadable();

        var response = await factory.CreateClient().PostJsonAsync("/invocations", HeartRows.DataframeSplit());

        var error = await MlflowScoringTests.AssertMlflowError(response, HttpStatusCode.ServiceUnavailable, "TEMPORARILY_UNAVAILABLE");
        Assert.Contains("ghost", (string)error["message"]!);
        Assert.NotNull(response.Headers.RetryAfter);
    }

    [Theory]
    [InlineData("GET", "/v2/models/ghost/ready")]
    [InlineData("GET", "/v2/models/ghost")]
    [InlineData("POST", "/v2/models/ghost/infer")]
    [InlineData("GET", "/v1/models/ghost")]
    [InlineData("POST", "/v1/models/ghost:predict")]
    public async Task KServeRoutesAre503WhileTheModelIsNotLoaded(string method, string path)
    {
        await using var factory = Unloadable();
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST") request.Content = Json.Body("{\"instances\": [], \"inputs\": []}");

        var error = await OpenInferenceTests.AssertKServeError(await factory.CreateClient().SendAsync(request), HttpStatusCode.ServiceUnavailable);

        Assert.Contains("ghost", error);
    }

    [Fact]
    public async Task V2ServerReadyIs503AndLiveIs200WhileAModelIsNotLoaded()
    {
        await using var factory = Unloadable();
        var client = factory.CreateClient();

        var ready = await client.GetAsync("/v2/health/ready");
        var live = await client.GetAsync("/v2/health/live");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        var body = await ready.ReadAsync();
        Assert.False((bool)body["ready"]!);
        Assert.Contains("ghost", (string?)body["error"]);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.True((bool)(await live.ReadAsync())["live"]!);
    }

    [Fact]
    public async Task AOneOutputDefaultModelPredictsAPlainListAndAModelFailureIsInternalError()
    {
        await using var factory = new ServiceFactory(models, _onnx.Settings(("MlService:DefaultModel", OnnxModelFiles.Gather)));
        var client = await factory.ReadyClientAsync();

        var ok = await (await client.PostJsonAsync("/invocations", """{"inputs": {"idx": [2, 0]}}""")).ReadAsync();
        var failed = await client.PostJsonAsync("/invocations", """{"dataframe_split": {"columns": ["idx"], "data": [[1], [9]]}}""");
        var failedV1 = await client.PostJsonAsync("/v1/models/gather:predict", """{"instances": [9]}""");

        Assert.Equal([3.5, 1.5], ok["predictions"]!.AsArray().Select(v => v!.GetValue<double>()));
        var error = await MlflowScoringTests.AssertMlflowError(failed, HttpStatusCode.InternalServerError, "INTERNAL_ERROR");
        Assert.Contains("failed while predicting", (string)error["message"]!);
        Assert.Contains("failed while predicting", await OpenInferenceTests.AssertKServeError(failedV1, HttpStatusCode.InternalServerError));
    }

    public void Dispose() => _onnx.Dispose();
}
