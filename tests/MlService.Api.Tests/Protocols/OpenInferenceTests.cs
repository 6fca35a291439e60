namespace MlService.Api.Tests.Protocols;

/// <summary>Conformance with the Open Inference Protocol (KServe V2) REST API (reference §4).</summary>
[Collection(TrainedModelsCollection.Name)]
public sealed class OpenInferenceTests(TrainedModels models) : IAsyncLifetime
{
    private readonly OnnxModelFiles _onnx = new();
    private ServiceFactory _factory = null!;
    private HttpClient _client = null!;
    private JsonNode _heartMetadata = null!;

    public async Task InitializeAsync()
    {
        _factory = new ServiceFactory(models, _onnx.Settings());
        _client = await _factory.ReadyClientAsync();
        _heartMetadata = await (await _client.GetAsync("/v2/models/heart-disease")).ReadAsync();
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        _onnx.Dispose();
    }

    [Fact]
    public async Task ServerMetadataNamesTheServerItsVersionAndExtensions()
    {
        var body = await (await _client.GetAsync("/v2")).ReadAsync();

        Assert.Equal("mlservice", (string?)body["name"]);
        Assert.Equal(ServiceInfo.Version, (string?)body["version"]);
        Assert.Equal(["model_repository"], body["extensions"]!.AsArray().Select(e => (string?)e));
    }

    [Theory]
    [InlineData("/v2/health/live", "live")]
    [InlineData("/v2/health/ready", "ready")]
    public async Task ServerHealthIsTrueWithA200(string path, string key)
    {
        var response = await _client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True((bool)(await response.ReadAsync())[key]!);
    }

    [Theory]
    [InlineData("/v2/models/heart-disease")]
    [InlineData("/v2/models/heart-disease/versions/1")]
    public async Task ModelMetadataComesFromTheSignature(string path)
    {
        var body = await (await _client.GetAsync(path)).ReadAsync();

        Assert.Equal("heart-disease", (string?)body["name"]);
        Assert.Equal(["1"], body["versions"]!.AsArray().Select(v => (string)v!));
        Assert.Equal("mlnet", (string?)body["platform"]);
        var inputs = body["inputs"]!.AsArray().ToDictionary(i => (string)i!["name"]!);
        Assert.Equal(13, inputs.Count);
        Assert.Equal("INT64", (string?)inputs["age"]!["datatype"]);
        Assert.Equal("FP64", (string?)inputs["oldpeak"]!["datatype"]);
        Assert.Equal([-1L], inputs["age"]!["shape"]!.AsArray().Select(d => (long)d!));
        var outputs = body["outputs"]!.AsArray().ToDictionary(o => (string)o!["name"]!, o => (string)o!["datatype"]!);
        Assert.Equal(new Dictionary<string, string> { ["PredictedLabel"] = "BOOL", ["Score"] = "FP32", ["Probability"] = "FP32" }, outputs);
    }

    [Fact]
    public async Task AnOnnxModelReportsTheOnnxPlatformAndItsTensorShapes()
    {
        var body = await (await _client.GetAsync("/v2/models/example")).ReadAsync();

        Assert.Equal("onnx_onnxv1", (string?)body["platform"]);
        var input0 = body["inputs"]!.AsArray().Single(i => (string?)i!["name"] == "input0")!;
        Assert.Equal("UINT32", (string?)input0["datatype"]);
        Assert.Equal([-1L, 2L], input0["shape"]!.AsArray().Select(d => (long)d!));
    }

    [Theory]
    [InlineData("/v2/models/heart-disease/ready")]
    [InlineData("/v2/models/heart-disease/versions/1/ready")]
    public async Task ModelReadyIsTrueForALoadedModel(string path)
    {
        var response = await _client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadAsync();
        Assert.Equal("heart-disease", (string?)body["name"]);
        Assert.True((bool)body["ready"]!);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task InferWithOneTensorPerColumnGivesTheNativeNumbersAndEchoesTheId(bool nested)
    {
        var native = (await (await _client.PostJsonAsync("/predict", HeartRows.Records())).ReadAsync())["predictions"]!.AsArray();

        var response = await _client.PostJsonAsync("/v2/models/heart-disease/infer", HeartRows.V2Request(_heartMetadata, "42", nested));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("heart-disease", response.Headers.GetValues("X-Model-Name").Single());
        var body = await response.ReadAsync();
        Assert.Equal("42", (string?)body["id"]);
        Assert.Equal("heart-disease", (string?)body["model_name"]);
        Assert.Equal("1", (string?)body["model_version"]);
        var probability = body["outputs"]!.AsArray().Single(o => (string?)o!["name"] == "Probability")!;
        Assert.Equal("FP32", (string?)probability["datatype"]);
        Assert.Equal([3L], probability["shape"]!.AsArray().Select(d => (long)d!));
        Assert.Equal(native.Select(p => p!["Probability"]!.GetValue<double>()), probability["data"]!.AsArray().Select(v => v!.GetValue<double>()));
        var label = body["outputs"]!.AsArray().Single(o => (string?)o!["name"] == "PredictedLabel")!;
        Assert.Equal("BOOL", (string?)label["datatype"]);
        Assert.Equal(native.Select(p => p!["PredictedLabel"]!.GetValue<bool>()), label["data"]!.AsArray().Select(v => v!.GetValue<bool>()));
    }

    [Fact]
    public async Task PredictionsAreCountedUnderTheV2ProtocolLabel()
    {
        await _client.PostJsonAsync("/v2/models/heart-disease/infer", HeartRows.V2Request(_heartMetadata));

        Assert.Contains("mlservice_predictions_total{model=\"heart-disease\",version=\"1\",protocol=\"v2\",outcome=\"ok\"}", await _client.GetStringAsync("/metrics"));
    }

    [Fact]
    public async Task WithoutAnIdTheResponseIdIsTheRequestId()
    {
        var response = await _client.PostJsonAsync("/v2/models/heart-disease/infer", HeartRows.V2Request(_heartMetadata, id: null));

        Assert.Equal(response.Headers.GetValues("X-Request-Id").Single(), (string?)(await response.ReadAsync())["id"]);
    }

    [Fact]
    public async Task RequestedOutputsAreTheOnlyOnesReturnedInTheirOrder()
    {
        var request = JsonNode.Parse(HeartRows.V2Request(_heartMetadata))!.AsObject();
        request["outputs"] = new JsonArray(new JsonObject { ["name"] = "Probability" }, new JsonObject { ["name"] = "Score", ["parameters"] = new JsonObject() });
        request["parameters"] = new JsonObject { ["content_type"] = "np" };

        var body = await (await _client.PostJsonAsync("/v2/models/heart-disease/versions/1/infer", request.ToJsonString())).ReadAsync();

        Assert.Equal(["Probability", "Score"], body["outputs"]!.AsArray().Select(o => (string)o!["name"]!));
    }

    [Fact]
    public async Task TheSpecExampleRequestAdaptedToATwoInputModelGivesTheSpecShapedResponse()
    {
        const string request = """
            {"id": "42",
             "inputs": [{"name": "input0", "shape": [2, 2], "datatype": "UINT32", "data": [1, 2, 3, 4]},
                        {"name": "input1", "shape": [2, 1], "datatype": "BOOL", "data": [true, false]}],
             "outputs": [{"name": "output0"}]}
            """;

        var body = await (await _client.PostJsonAsync("/v2/models/example/infer", request)).ReadAsync();

        Assert.Equal("42", (string?)body["id"]);
        var output = body["outputs"]!.AsArray().Single()!;
        Assert.Equal("output0", (string?)output["name"]);
        Assert.Equal("FP32", (string?)output["datatype"]);
        Assert.Equal([2L, 2L], output["shape"]!.AsArray().Select(d => (long)d!));
        Assert.Equal([2.0, 3.0, 3.0, 4.0], output["data"]!.AsArray().Select(v => v!.GetValue<double>()));
    }

    [Fact]
    public async Task EveryV2DatatypeRoundTripsThroughAModelThatTakesIt()
    {
        var values = new Dictionary<string, JsonArray>
        {
            ["BOOL"] = [true, false], ["INT8"] = [-128, 127], ["INT16"] = [-32768, 32767], ["INT32"] = [-2147483648, 2147483647],
            ["INT64"] = [-9007199254740993L, 9007199254740993L], ["UINT8"] = [0, 255], ["UINT16"] = [0, 65535], ["UINT32"] = [0, 4294967295L],
            ["UINT64"] = [0, 9007199254740993L], ["FP16"] = [1.5, -2.25], ["FP32"] = [0.25, -1e10], ["FP64"] = [0.1, -1e300], ["BYTES"] = ["héllo", ""],
        };
        var inputs = new JsonArray(OnnxModelFiles.EchoInputs.Select(i => (JsonNode)new JsonObject
        {
            ["name"] = i.Input, ["shape"] = new JsonArray(2), ["datatype"] = i.Datatype, ["data"] = values[i.Datatype].DeepClone(),
        }).ToArray());

        var response = await _client.PostJsonAsync("/v2/models/echo/infer", new JsonObject { ["inputs"] = inputs }.ToJsonString());

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var outputs = (await response.ReadAsync())["outputs"]!.AsArray().ToDictionary(o => (string)o!["name"]!);
        foreach (var (input, datatype, _) in OnnxModelFiles.EchoInputs)
        {
            var output = outputs[input + "_out"]!;
            Assert.Equal(datatype, (string?)output["datatype"]);
            Assert.Equal([2L], output["shape"]!.AsArray().Select(d => (long)d!));
            var expected = JsonNode.Parse(values[datatype].ToJsonString())!.AsArray();
            Assert.Equal(expected.Select(v => Comparable(datatype, v!)), output["data"]!.AsArray().Select(v => Comparable(datatype, v!)));
        }
    }

    [Fact]
    public async Task ColumnsOfAMixedModelTakeBytesBoolIntegerAndFloatTensors()
    {
        const string request = """
            {"inputs": [{"name": "colour", "shape": [2], "datatype": "BYTES", "data": ["red", "blue"]},
                        {"name": "organic", "shape": [2], "datatype": "BOOL", "data": [true, false]},
                        {"name": "weight", "shape": [2], "datatype": "INT32", "data": [20, 20]},
                        {"name": "ratio", "shape": [2], "datatype": "FP32", "data": [0.5, 0.5]}]}
            """;

        var body = await (await _client.PostJsonAsync("/v2/models/mixed/infer", request)).ReadAsync();

        var scores = body["outputs"]!.AsArray().Single(o => (string?)o!["name"] == "Score")!["data"]!.AsArray().Select(v => v!.GetValue<double>()).ToArray();
        Assert.True(scores[0] - scores[1] > 10, $"red organic ({scores[0]}) should cost well over blue ({scores[1]})");
    }

    public static TheoryData<string, Func<JsonObject, JsonObject>, string, string> InvalidRequests => new()
    {
        { "data shorter than the shape", r => Input(r, "age", i => i["data"] = new JsonArray(63, 64)), "age", "data has 2 values; shape [3] needs 3" },
        { "BYTES for an INT64 column", r => Input(r, "age", i => { i["datatype"] = "BYTES"; i["data"] = new JsonArray("63", "64", "65"); }), "age", "has datatype BYTES; this input takes INT64" },
        { "floats for an integer column", r => Input(r, "age", i => i["datatype"] = "FP32"), "age", "has datatype FP32; this input takes INT64" },
        { "an unknown datatype", r => Input(r, "age", i => i["datatype"] = "FLOAT"), "age", "unknown datatype" },
        { "a 2-D tensor for a column", r => Input(r, "age", i => { i["shape"] = new JsonArray(1, 3); }), "age", "a column input takes [N] or [N, 1]" },
        { "inputs with different row counts", r => Input(r, "thal", i => { i["shape"] = new JsonArray(2); i["data"] = new JsonArray(3, 6); }), "thal", "has 2 rows (shape[0]); the other inputs have 3" },
        { "a missing input", r => { r["inputs"]!.AsArray().Remove(r["inputs"]!.AsArray().Single(i => (string?)i!["name"] == "thal")); return r; }, "thal", "required input" },
        { "a string in an integer tensor", r => Input(r, "age", i => i["data"]![1] = "old"), "age", "must be an integer" },
    };

    [Theory]
    [MemberData(nameof(InvalidRequests))]
    public async Task InvalidTensorsAre400WithAnErrorNamingTheInput(string what, Func<JsonObject, JsonObject> change, string input, string message)
    {
        var request = change(JsonNode.Parse(HeartRows.V2Request(_heartMetadata))!.AsObject());

        var response = await _client.PostJsonAsync("/v2/models/heart-disease/infer", request.ToJsonString());

        var error = await AssertKServeError(response, HttpStatusCode.BadRequest);
        Assert.Contains($"{input}: ", error);
        Assert.True(error.Contains(message, StringComparison.Ordinal), $"{what}: {error}");
    }

    [Theory]
    [InlineData("{\"inputs\": [", "malformed JSON")]
    [InlineData("[]", "JSON object")]
    [InlineData("{\"id\": \"1\"}", "'inputs' is required")]
    [InlineData("{\"id\": 7, \"inputs\": []}", "'id' must be a string")]
    [InlineData("{\"inputs\": [{\"name\": \"age\", \"datatype\": \"INT64\", \"data\": [1]}]}", "'inputs[0].shape' is required")]
    [InlineData("{\"inputs\": [{\"name\": \"age\", \"shape\": [-1], \"datatype\": \"INT64\", \"data\": [1]}]}", "non-negative integers")]
    [InlineData("{\"inputs\": [{\"name\": \"age\", \"shape\": [1], \"datatype\": \"INT64\", \"data\": 1}]}", "data must be a list")]
    [InlineData("{\"inputs\": [{\"name\": \"age\", \"shape\": [1, 9000000000000], \"datatype\": \"INT64\", \"data\": [1]}]}", "a column input takes [N] or [N, 1]")]
    [InlineData("{\"inputs\": [{\"name\": \"age\", \"shape\": [1], \"datatype\": \"INT64\", \"data\": [1]}], \"outputs\": [{\"name\": \"Nope\"}]}", "output 'Nope' is not an output")]
    public async Task MalformedRequestsAre400(string body, string message)
    {
        var response = await _client.PostJsonAsync("/v2/models/heart-disease/infer", body);

        Assert.Contains(message, await AssertKServeError(response, HttpStatusCode.BadRequest));
    }

    [Theory]
    [InlineData("u8", "UINT8", "300")]
    [InlineData("u8", "UINT8", "-5")]
    [InlineData("i8", "INT8", "200")]
    [InlineData("u32", "UINT32", "-1")]
    [InlineData("i32", "INT32", "3000000000")]
    [InlineData("u64", "UINT64", "-1")]
    [InlineData("i16", "INT16", "40000")]
    public async Task AValueOutOfRangeOfTheDeclaredDatatypeIs400(string input, string datatype, string value)
    {
        var request = EchoRequest((input, datatype, value + ", 1"));

        var error = await AssertKServeError(await _client.PostJsonAsync("/v2/models/echo/infer", request), HttpStatusCode.BadRequest);

        Assert.Contains($"{input}: is out of range", error);
    }

    [Fact]
    public async Task IntegerTensorsAreWidenedToTheInputsType()
    {
        var request = EchoRequest(("f64", "UINT8", "7, 255"), ("i64", "INT8", "-3, 4"));

        var response = await _client.PostJsonAsync("/v2/models/echo/infer", request);

        var outputs = (await response.ReadAsync())["outputs"]!.AsArray().ToDictionary(o => (string)o!["name"]!);
        Assert.Equal([7.0, 255.0], outputs["f64_out"]!["data"]!.AsArray().Select(v => v!.GetValue<double>()));
        Assert.Equal([-3L, 4L], outputs["i64_out"]!["data"]!.AsArray().Select(v => v!.GetValue<long>()));
    }

    [Theory]
    [InlineData("/v2/models/nope", "'nope' is not served")]
    [InlineData("/v2/models/nope/ready", "'nope' is not served")]
    [InlineData("/v2/models/heart-disease/versions/7", "not version 7")]
    [InlineData("/v2/models/heart-disease/versions/7/ready", "not version 7")]
    public async Task UnknownModelsAndVersionsAre404(string path, string message)
    {
        Assert.Contains(message, await AssertKServeError(await _client.GetAsync(path), HttpStatusCode.NotFound));
    }

    [Fact]
    public async Task InferOnAnUnknownModelIs404()
    {
        var response = await _client.PostJsonAsync("/v2/models/nope/infer", HeartRows.V2Request(_heartMetadata));

        Assert.Contains("'nope' is not served", await AssertKServeError(response, HttpStatusCode.NotFound));
    }

    [Fact]
    public async Task AModelThatFailsWhilePredictingIs500()
    {
        var request = """{"inputs": [{"name": "idx", "shape": [2], "datatype": "INT64", "data": [0, 7]}]}""";

        var response = await _client.PostJsonAsync("/v2/models/gather/infer", request);

        Assert.Contains("failed while predicting", await AssertKServeError(response, HttpStatusCode.InternalServerError));
    }

    [Fact]
    public async Task TheGatherModelPredictsWhenItsIndexesAreInRange()
    {
        var request = """{"inputs": [{"name": "idx", "shape": [2], "datatype": "INT64", "data": [0, 2]}]}""";

        var body = await (await _client.PostJsonAsync("/v2/models/gather/infer", request)).ReadAsync();

        Assert.Equal([1.5, 3.5], body["outputs"]![0]!["data"]!.AsArray().Select(v => v!.GetValue<double>()));
    }

    [Theory]
    [InlineData("{\"outputs\": [{\"name\": \"Probability\", \"parameters\": {\"binary_data\": true}}]}", null)]
    [InlineData("{\"parameters\": {\"binary_data_output\": true}}", null)]
    [InlineData("{}", "Inference-Header-Content-Length")]
    public async Task BinaryTensorDataIsNotImplemented(string extra, string? header)
    {
        var request = JsonNode.Parse(HeartRows.V2Request(_heartMetadata))!.AsObject();
        foreach (var (key, value) in JsonNode.Parse(extra)!.AsObject()) request[key] = value!.DeepClone();
        var message = new HttpRequestMessage(HttpMethod.Post, "/v2/models/heart-disease/infer") { Content = Json.Body(request.ToJsonString()) };
        if (header is not null) message.Headers.Add(header, "12");

        var response = await _client.SendAsync(message);

        Assert.Contains("not supported", await AssertKServeError(response, HttpStatusCode.NotImplemented));
    }

    [Fact]
    public async Task AWrongContentTypeIs415WithAnErrorBody()
    {
        var response = await _client.PostJsonAsync("/v2/models/heart-disease/infer", HeartRows.V2Request(_heartMetadata), "text/plain");

        await AssertKServeError(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task ARequestWithoutContentTypeIsReadAsJson()
    {
        var content = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(HeartRows.V2Request(_heartMetadata)));

        var response = await _client.PostAsync("/v2/models/heart-disease/infer", content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>A request for every echo input (two rows of a plain value of its datatype), with some inputs replaced.</summary>
    private static string EchoRequest(params (string Input, string Datatype, string Data)[] replaced)
    {
        var inputs = OnnxModelFiles.EchoInputs.Select(i =>
        {
            var (datatype, data) = replaced.FirstOrDefault(r => r.Input == i.Input) is { Input: not null } r
                ? (r.Datatype, r.Data)
                : (i.Datatype, i.Datatype switch { "BOOL" => "true, false", "BYTES" => "\"a\", \"b\"", _ => "1, 2" });
            var rows = data.Split(',').Length;
            return $$"""{"name": "{{i.Input}}", "shape": [{{rows}}], "datatype": "{{datatype}}", "data": [{{data}}]}""";
        });
        return $$"""{"inputs": [{{string.Join(", ", inputs)}}]}""";
    }

    /// <summary>A value as text that is equal for equal values, whatever number formatting the writer chose.</summary>
    private static string Comparable(string datatype, JsonNode value) => datatype switch
    {
        "BOOL" => value.GetValue<bool>().ToString(),
        "BYTES" => value.GetValue<string>(),
        "FP16" or "FP32" or "FP64" => value.GetValue<double>().ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        _ => value.GetValue<decimal>().ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private static JsonObject Input(JsonObject request, string name, Action<JsonObject> change)
    {
        change(request["inputs"]!.AsArray().Single(i => (string?)i!["name"] == name)!.AsObject());
        return request;
    }

    /// <summary>A KServe error: the status, problem+json carrying <c>error</c>; returns the error text.</summary>
    internal static async Task<string> AssertKServeError(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonNode.Parse(text)!;
        var error = (string?)body["error"];
        Assert.False(string.IsNullOrEmpty(error), text);
        Assert.Equal((int)status, (int)body["status"]!);
        Assert.DoesNotContain("   at ", text);
        return error!;
    }
}
