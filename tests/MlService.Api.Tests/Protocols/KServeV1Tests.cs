namespace MlService.Api.Tests.Protocols;

/// <summary>Conformance with KServe's V1 protocol (reference §4.6).</summary>
[Collection(TrainedModelsCollection.Name)]
public sealed class KServeV1Tests(TrainedModels models) : TrainedModelsServiceTests(models)
{
    [Fact]
    public async Task ListModelsNamesEveryServedModel()
    {
        var body = await (await Client.GetAsync("/v1/models")).ReadAsync();

        Assert.Equal(["heart-disease", "mixed"], body["models"]!.AsArray().Select(m => (string)m!));
    }

    [Fact]
    public async Task ModelStatusIsReadyForALoadedModel()
    {
        var response = await Client.GetAsync("/v1/models/heart-disease");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadAsync();
        Assert.Equal("heart-disease", (string?)body["name"]);
        Assert.True((bool)body["ready"]!);
    }

    [Theory]
    [InlineData("instances as objects")]
    [InlineData("instances as arrays")]
    [InlineData("inputs")]
    public async Task PredictGivesOneRowObjectPerInstanceWithTheNativeNumbers(string form)
    {
        var native = (await (await Client.PostJsonAsync("/predict", HeartRows.Records())).ReadAsync())["predictions"]!.AsArray();
        var body = form switch
        {
            "instances as objects" => HeartRows.InstancesAsObjects(),
            "instances as arrays" => HeartRows.InstancesAsArrays(),
            _ => $"{{\"inputs\": {HeartRows.Records()}}}",
        };

        var response = await Client.PostJsonAsync("/v1/models/heart-disease:predict", body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("heart-disease", response.Headers.GetValues("X-Model-Name").Single());
        var predictions = (await response.ReadAsync())["predictions"]!.AsArray();
        Assert.Equal(native.Select(p => p!["Probability"]!.GetValue<double>()), predictions.Select(p => p!["Probability"]!.GetValue<double>()));
        Assert.Equal(native.Select(p => p!["PredictedLabel"]!.GetValue<bool>()), predictions.Select(p => p!["PredictedLabel"]!.GetValue<bool>()));
    }

    [Fact]
    public async Task AModelWithOneOutputPredictsPlainValues()
    {
        const string body = """{"instances": [{"colour": "red", "organic": true, "weight": 20, "ratio": 0.5}, ["blue", false, 20, 0.5]]}""";

        var predictions = (await (await Client.PostJsonAsync("/v1/models/mixed:predict", body)).ReadAsync())["predictions"]!.AsArray();

        Assert.Equal(2, predictions.Count);
        Assert.True(predictions[0]!.GetValue<double>() - predictions[1]!.GetValue<double>() > 10);
    }

    [Theory]
    [InlineData("{}", HttpStatusCode.BadRequest, "'instances'")]
    [InlineData("[1]", HttpStatusCode.BadRequest, "JSON object")]
    [InlineData("{\"instances\": {\"age\": 1}}", HttpStatusCode.BadRequest, "JSON array")]
    [InlineData("{\"instances\": [], \"inputs\": []}", HttpStatusCode.BadRequest, "not both")]
    [InlineData("{\"instances\": [{\"age\": \"old\"}]", HttpStatusCode.BadRequest, "malformed JSON")]
    [InlineData("{\"instances\": [[63, 1]]}", HttpStatusCode.BadRequest, "[0]: has 2 values; the model takes 13")]
    [InlineData("{\"instances\": [{\"age\": \"old\"}]}", HttpStatusCode.BadRequest, "[0].age: must be an integer")]
    public async Task BadRequestsGetKServeErrors(string body, HttpStatusCode status, string message)
    {
        var response = await Client.PostJsonAsync("/v1/models/heart-disease:predict", body);

        Assert.Contains(message, await OpenInferenceTests.AssertKServeError(response, status));
    }

    [Theory]
    [InlineData("GET", "/v1/models/nope")]
    [InlineData("POST", "/v1/models/nope:predict")]
    public async Task UnknownModelsAre404(string method, string path)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST") request.Content = Json.Body(HeartRows.InstancesAsObjects());

        var error = await OpenInferenceTests.AssertKServeError(await Client.SendAsync(request), HttpStatusCode.NotFound);

        Assert.Contains("'nope' is not served", error);
    }

    [Fact]
    public async Task ExplainIsNotImplemented()
    {
        var response = await Client.PostJsonAsync("/v1/models/heart-disease:explain", HeartRows.InstancesAsObjects());

        Assert.Contains("no explainer", await OpenInferenceTests.AssertKServeError(response, HttpStatusCode.NotImplemented));
    }

    [Fact]
    public async Task PredictionsAreCountedUnderTheV1ProtocolLabel()
    {
        await Client.PostJsonAsync("/v1/models/heart-disease:predict", HeartRows.InstancesAsObjects());

        Assert.Contains("protocol=\"v1\",outcome=\"ok\"", await Client.GetStringAsync("/metrics"));
    }
}
