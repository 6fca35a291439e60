namespace MlService.Api.Tests.Protocols;

/// <summary>
/// Class labels over V2: an skl2onnx-style classifier (LinearClassifier + ZipMap, labels 10/20/30) answers its probabilities
/// as FP32 [N, 3], and with Triton's classification extension as BYTES "score:index:label", best first.
/// </summary>
[Collection(TrainedModelsCollection.Name)]
public sealed class V2ClassificationTests(TrainedModels models) : IAsyncLifetime
{
    private static readonly double[][] Flowers = [[5.1, 3.5, 1.4, 0.2], [6.7, 3.0, 5.2, 2.3]];

    private readonly OnnxModelFiles _onnx = new();
    private ServiceFactory _factory = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _factory = new ServiceFactory(models, _onnx.Settings());
        _client = await _factory.ReadyClientAsync();
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        _onnx.Dispose();
    }

    private Task<HttpResponseMessage> InferAsync(string outputs, string model = OnnxModelFiles.Iris) =>
        _client.PostJsonAsync($"/v2/models/{model}/infer",
            $$"""{"inputs": [{"name": "float_input", "datatype": "FP64", "shape": [2, 4], "data": {{new JsonArray(Flowers.SelectMany(f => f).Select(v => (JsonNode)v).ToArray()).ToJsonString()}}}], "outputs": {{outputs}}}""");

    [Fact]
    public async Task ClassificationAnswersTheTopClassesWithTheirZipMapLabelsBestFirst()
    {
        var response = await InferAsync("""[{"name": "output_probability", "parameters": {"classification": 2}}]""");
        var output = (await response.ReadAsync())["outputs"]!.AsArray().Single()!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("BYTES", output["datatype"]!.GetValue<string>());
        Assert.Equal("[2,2]", output["shape"]!.ToJsonString());
        var data = output["data"]!.AsArray().Select(d => d!.GetValue<string>().Split(':')).ToArray();
        for (var row = 0; row < Flowers.Length; row++)
        {
            var expected = OnnxTestModels.IrisProbabilities(Flowers[row]);
            var best = Enumerable.Range(0, 3).OrderByDescending(c => expected[c]).Take(2).ToArray();
            for (var j = 0; j < 2; j++)
            {
                var (score, index, label) = (data[row * 2 + j][0], data[row * 2 + j][1], data[row * 2 + j][2]);
                Assert.Equal(best[j].ToString(CultureInfo.InvariantCulture), index);
                Assert.Equal(OnnxTestModels.IrisLabels[best[j]].ToString(CultureInfo.InvariantCulture), label);
                Assert.Equal(expected[best[j]], double.Parse(score, CultureInfo.InvariantCulture), 1e-5);
            }
        }
    }

    [Fact]
    public async Task AClassCountAboveTheClassesIsCappedAndOtherOutputsStayTensors()
    {
        var response = await InferAsync("""[{"name": "output_label"}, {"name": "output_probability", "parameters": {"classification": 10}}]""");
        var outputs = (await response.ReadAsync())["outputs"]!.AsArray();

        Assert.Equal("INT64", outputs[0]!["datatype"]!.GetValue<string>());
        Assert.Equal("[2,3]", outputs[1]!["shape"]!.ToJsonString());
    }

    [Fact]
    public async Task WithoutClassificationTheProbabilitiesAreAnFp32MatrixInClassOrder()
    {
        var output = (await (await InferAsync("""[{"name": "output_probability"}]""")).ReadAsync())["outputs"]![0]!;

        Assert.Equal("FP32", output["datatype"]!.GetValue<string>());
        Assert.Equal("[2,3]", output["shape"]!.ToJsonString());
        Assert.Equal(OnnxTestModels.IrisProbabilities(Flowers[1])[2], output["data"]![5]!.GetValue<double>(), 1e-5);
    }

    [Theory]
    [InlineData("""[{"name": "output_probability", "parameters": {"classification": "two"}}]""", "'outputs[0].parameters.classification' must be a non-negative integer")]
    [InlineData("""[{"name": "output_probability", "parameters": {"classification": -1}}]""", "'outputs[0].parameters.classification' must be a non-negative integer")]
    public async Task ABadClassCountIs400NamingTheParameter(string outputs, string message)
    {
        var response = await InferAsync(outputs);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, (await response.ReadAsync())["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task ClassificationOfAStringOutputIs400()
    {
        var response = await _client.PostJsonAsync("/v2/models/echo/infer", """
            {"inputs": [{"name": "s", "datatype": "BYTES", "shape": [1], "data": ["a"]}],
             "outputs": [{"name": "s_out", "parameters": {"classification": 1}}]}
            """);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("output 's_out' holds BYTES values; classification needs scores", (await response.ReadAsync())["error"]!.GetValue<string>());
    }
}
