namespace MlService.Api.Tests.Protocols;

/// <summary>
/// An ONNX classifier (LinearClassifier + ZipMap on a [-1, 4] float tensor, served from an MLflow onnx-flavor directory)
/// as the default model: tensor data through MLflow <c>inputs</c>, V2, V1 and the native API gives the probabilities
/// computed by hand, and MLflow answers a tensor-based model with <c>{output_name: array}</c>.
/// </summary>
[Collection(TrainedModelsCollection.Name)]
public sealed class OnnxModelAcrossProtocolsTests(TrainedModels models) : IAsyncLifetime
{
    private static readonly double[][] Flowers = [[5.1, 3.5, 1.4, 0.2], [6.7, 3.0, 5.2, 2.3], [5.9, 3.0, 4.2, 1.5]];

    private readonly OnnxModelFiles _onnx = new();
    private ServiceFactory _factory = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _factory = new ServiceFactory(models, _onnx.Settings(("MlService:DefaultModel", OnnxModelFiles.Iris)));
        _client = await _factory.ReadyClientAsync();
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        _onnx.Dispose();
    }

    private static JsonArray Matrix() => new(Flowers.Select(f => (JsonNode)new JsonArray(f.Select(v => (JsonNode)v).ToArray())).ToArray());

    public static TheoryData<string> Requests => ["mlflow inputs array", "mlflow inputs by name", "mlflow instances", "mlflow dataframe_split", "mlflow csv", "v2 fp32", "v2 fp64 nested", "v1", "native"];

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task TensorRowsGiveTheHandComputedProbabilitiesThroughEveryProtocol(string request)
    {
        var (labels, probabilities) = await PredictAsync(request);

        for (var i = 0; i < Flowers.Length; i++)
        {
            var expected = OnnxTestModels.IrisProbabilities(Flowers[i]);
            for (var c = 0; c < 3; c++) Assert.Equal(expected[c], probabilities[i][c], 1e-5);
            Assert.Equal(OnnxTestModels.IrisLabels[Array.IndexOf(expected, expected.Max())], labels[i]);
        }
    }

    [Fact]
    public async Task MlflowAnswersATensorModelWithAnObjectOfOutputArrays()
    {
        var body = await (await _client.PostJsonAsync("/invocations", new JsonObject { ["inputs"] = Matrix() }.ToJsonString())).ReadAsync();

        var predictions = body["predictions"]!.AsObject();
        Assert.Equal(["output_label", "output_probability"], predictions.Select(p => p.Key).Order());
        Assert.Equal(3, predictions["output_label"]!.AsArray().Count);
        Assert.Equal(["10", "20", "30"], predictions["output_probability"]![0]!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public async Task V2MetadataDescribesTheTensorsOfTheGraph()
    {
        var body = await (await _client.GetAsync("/v2/models/iris")).ReadAsync();

        Assert.Equal("onnx_onnxv1", (string?)body["platform"]);
        var input = body["inputs"]!.AsArray().Single()!;
        Assert.Equal("float_input", (string?)input["name"]);
        Assert.Equal("FP32", (string?)input["datatype"]);
        Assert.Equal([-1L, 4L], input["shape"]!.AsArray().Select(d => (long)d!));
    }

    [Fact]
    public async Task AV2TensorOfTheWrongWidthIs400()
    {
        const string request = """{"inputs": [{"name": "float_input", "shape": [1, 3], "datatype": "FP32", "data": [1, 2, 3]}]}""";

        var error = await OpenInferenceTests.AssertKServeError(await _client.PostJsonAsync("/v2/models/iris/infer", request), HttpStatusCode.BadRequest);

        Assert.Contains("float_input: has shape [1, 3]; this input takes [N, 4]", error);
    }

    private async Task<(long[] Labels, double[][] Probabilities)> PredictAsync(string request)
    {
        var matrix = Matrix();
        var response = request switch
        {
            "mlflow inputs array" => await _client.PostJsonAsync("/invocations", new JsonObject { ["inputs"] = matrix }.ToJsonString()),
            "mlflow inputs by name" => await _client.PostJsonAsync("/invocations", new JsonObject { ["inputs"] = new JsonObject { ["float_input"] = matrix } }.ToJsonString()),
            "mlflow instances" => await _client.PostJsonAsync("/invocations", new JsonObject { ["instances"] = matrix }.ToJsonString()),
            "mlflow dataframe_split" => await _client.PostJsonAsync("/invocations", new JsonObject
            {
                ["dataframe_split"] = new JsonObject { ["columns"] = new JsonArray("sepal_length", "sepal_width", "petal_length", "petal_width"), ["data"] = matrix },
            }.ToJsonString()),
            "mlflow csv" => await _client.PostJsonAsync("/invocations",
                "a,b,c,d\n" + string.Join("\n", Flowers.Select(f => string.Join(",", f.Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture))))), "application/csv"),
            "v2 fp32" => await _client.PostJsonAsync("/v2/models/iris/infer", new JsonObject
            {
                ["inputs"] = new JsonArray(new JsonObject { ["name"] = "float_input", ["shape"] = new JsonArray(3, 4), ["datatype"] = "FP32", ["data"] = new JsonArray(Flowers.SelectMany(f => f).Select(v => (JsonNode)v).ToArray()) }),
            }.ToJsonString()),
            "v2 fp64 nested" => await _client.PostJsonAsync("/v2/models/iris/infer", new JsonObject
            {
                ["inputs"] = new JsonArray(new JsonObject { ["name"] = "float_input", ["shape"] = new JsonArray(3, 4), ["datatype"] = "FP64", ["data"] = matrix }),
            }.ToJsonString()),
            "v1" => await _client.PostJsonAsync("/v1/models/iris:predict", new JsonObject { ["instances"] = matrix }.ToJsonString()),
            "native" => await _client.PostJsonAsync("/predict", new JsonArray(Flowers.Select(f => (JsonNode)new JsonObject { ["float_input"] = new JsonArray(f.Select(v => (JsonNode)v).ToArray()) }).ToArray()).ToJsonString()),
            _ => throw new ArgumentOutOfRangeException(nameof(request)),
        };
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{request}: {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("iris", response.Headers.GetValues("X-Model-Name").Single());
        var body = await response.ReadAsync();
        if (request.StartsWith("v2", StringComparison.Ordinal))
        {
            var outputs = body["outputs"]!.AsArray().ToDictionary(o => (string)o!["name"]!);
            Assert.Equal([3L, 3L], outputs["output_probability"]!["shape"]!.AsArray().Select(d => (long)d!));
            var flat = outputs["output_probability"]!["data"]!.AsArray().Select(v => v!.GetValue<double>()).ToArray();
            return (outputs["output_label"]!["data"]!.AsArray().Select(v => v!.GetValue<long>()).ToArray(), flat.Chunk(3).ToArray());
        }
        if (request.StartsWith("mlflow", StringComparison.Ordinal))
        {
            var predictions = body["predictions"]!;
            return (predictions["output_label"]!.AsArray().Select(v => v!.GetValue<long>()).ToArray(),
                predictions["output_probability"]!.AsArray().Select(Probabilities).ToArray());
        }
        var rows = body["predictions"]!.AsArray();
        return (rows.Select(r => r!["output_label"]!.GetValue<long>()).ToArray(), rows.Select(r => Probabilities(r!["output_probability"])).ToArray());
    }

    private static double[] Probabilities(JsonNode? byClass) => new[] { "10", "20", "30" }.Select(c => byClass![c]!.GetValue<double>()).ToArray();
}
