namespace MlService.Api.Tests.Protocols;

/// <summary>Conformance of <c>/invocations</c>, <c>/ping</c>, <c>/health</c>, <c>/version</c> with MLflow's scoring server (reference §1).</summary>
[Collection(TrainedModelsCollection.Name)]
public sealed class MlflowScoringTests(TrainedModels models) : IAsyncLifetime
{
    private readonly ServiceFactory _factory = new(models, new Dictionary<string, string?> { ["MlService:Inference:MaxRowsPerRequest"] = "20" });
    private HttpClient _client = null!;
    private JsonArray _native = null!;

    public async Task InitializeAsync()
    {
        _client = await _factory.ReadyClientAsync();
        _native = (await (await _client.PostJsonAsync("/predict", HeartRows.Records())).ReadAsync())["predictions"]!.AsArray();
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    public static TheoryData<string, string, string> Payloads => new()
    {
        { "dataframe_split with index", HeartRows.DataframeSplit(index: true), "application/json" },
        { "dataframe_split", HeartRows.DataframeSplit(), "application/json; charset=utf-8" },
        { "dataframe_split with data before columns", HeartRows.DataframeSplit(dataFirst: true), "application/json" },
        { "dataframe_split without columns", HeartRows.DataframeSplit(withColumns: false), "application/json" },
        { "dataframe_records", HeartRows.DataframeRecords(), "application/json" },
        { "instances as objects", HeartRows.InstancesAsObjects(), "application/json" },
        { "instances as arrays", HeartRows.InstancesAsArrays(), "application/json" },
        { "inputs as columns", HeartRows.InputsAsColumns(), "application/json" },
        { "inputs as rows", HeartRows.InputsAsRows(), "application/json" },
        { "params beside the data", HeartRows.DataframeSplit()[..^1] + ", \"params\": {\"max_answer_len\": 10, \"labels\": [1, 2]}}", "application/json" },
        { "CSV as text/csv", HeartRows.Csv(), "text/csv" },
        { "CSV as application/csv with CRLF", HeartRows.Csv("\r\n"), "application/csv" },
        { "CSV with charset", HeartRows.Csv(), "text/csv; charset=utf-8" },
    };

    [Theory]
    [MemberData(nameof(Payloads))]
    public async Task EveryMlflowPayloadGivesTheNativePredictionsAsRecords(string format, string body, string contentType)
    {
        var response = await _client.PostJsonAsync("/invocations", body, contentType);

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{format}: {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("heart-disease", response.Headers.GetValues("X-Model-Name").Single());
        var predictions = (await response.ReadAsync())["predictions"]!.AsArray();
        Assert.Equal(_native.Count, predictions.Count);
        for (var i = 0; i < _native.Count; i++)
        {
            Assert.Equal(_native[i]!["Probability"]!.GetValue<double>(), predictions[i]!["Probability"]!.GetValue<double>());
            Assert.Equal(_native[i]!["Score"]!.GetValue<double>(), predictions[i]!["Score"]!.GetValue<double>());
            Assert.Equal(_native[i]!["PredictedLabel"]!.GetValue<bool>(), predictions[i]!["PredictedLabel"]!.GetValue<bool>());
        }
    }

    public static TheoryData<string, string> NotTheMlflow2Protocol => new()
    {
        { "an empty object", "{}" },
        { "a top-level list", HeartRows.Records() },
        { "two format keys", $"{{\"dataframe_records\": {HeartRows.Records()}, \"instances\": {HeartRows.Records()}}}" },
        { "the 1.x split body without its key", "{\"columns\": [\"age\"], \"data\": [[63]]}" },
        { "only params", "{\"params\": {\"a\": 1}}" },
    };

    [Theory]
    [MemberData(nameof(NotTheMlflow2Protocol))]
    public async Task BodiesOutsideTheMlflow2ProtocolAreBadRequestsWithTheProtocolChangeNotice(string what, string body)
    {
        var response = await _client.PostJsonAsync("/invocations", body);

        var error = await AssertMlflowError(response, HttpStatusCode.BadRequest, "BAD_REQUEST");
        Assert.Contains("scoring protocol has changed in MLflow version 2.0", (string)error["message"]!);
        Assert.Contains("exactly one of the input fields", (string)error["message"]!);
        Assert.False(string.IsNullOrEmpty(what));
    }

    [Theory]
    [InlineData("{\"dataframe_split\": {\"columns\": [\"age\"", "malformed JSON")]
    [InlineData("not json at all", "malformed JSON")]
    [InlineData("42", "JSON dictionary")]
    [InlineData("{\"dataframe_split\": {\"columns\": [\"age\"]}}", "'data'")]
    [InlineData("{\"dataframe_split\": [[63]]}", "'columns' and 'data'")]
    [InlineData("{\"dataframe_split\": {\"columns\": [\"age\", \"age\"], \"data\": [[1, 2]]}}", "twice")]
    [InlineData("{\"dataframe_records\": {\"age\": 63}}", "list of row objects")]
    [InlineData("{\"instances\": {\"age\": 63}}", "JSON array")]
    [InlineData("{\"inputs\": {\"age\": [63, 64], \"sex\": [1]}}", "same number of rows")]
    [InlineData("{\"inputs\": {\"age\": 63}}", "one element per row")]
    [InlineData("{\"instances\": [], \"params\": 5}", "'params' must be a JSON object")]
    public async Task MalformedBodiesAreBadRequestsStartingWithInvalidInput(string body, string message)
    {
        var response = await _client.PostJsonAsync("/invocations", body);

        var error = await AssertMlflowError(response, HttpStatusCode.BadRequest, "BAD_REQUEST");
        Assert.StartsWith("Invalid input. ", (string)error["message"]!);
        Assert.Contains(message, (string)error["message"]!);
    }

    public static TheoryData<string, string, string, string> InvalidRows => new()
    {
        { "{\"dataframe_records\": [" + Change(r => r["age"] = "secret-patient-value") + "]}", "application/json", "[0].age", "must be an integer" },
        { "{\"dataframe_split\": {\"columns\": [\"age\", \"sex\"], \"data\": [[63, 1], [64]]}}", "application/json", "[1]", "'columns' names 2" },
        { "{\"instances\": [[63, 1, 1]]}", "application/json", "[0]", "has 3 values; the model takes 13" },
        { "{\"inputs\": {\"age\": [63]}}", "application/json", "sex", "required input" },
        { "{\"dataframe_records\": [" + Change(r => r.Remove("thal")) + "]}", "application/json", "[0].thal", "field required" },
        { HeartRows.Csv().Replace("41,", "secret-patient-value,"), "text/csv", "[0].age", "must be an integer" },
        { "age,sex\n63\n", "text/csv", "[0]", "has 1 cells; the header has 2" },
    };

    [Theory]
    [MemberData(nameof(InvalidRows))]
    public async Task RowsThatDoNotFitTheSignatureAreInvalidParameterValueWithTheFieldNamed(string body, string contentType, string field, string message)
    {
        var response = await _client.PostJsonAsync("/invocations", body, contentType);

        var error = await AssertMlflowError(response, HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE");
        Assert.Contains(message, error["errors"]![field]![0]!.GetValue<string>());
        Assert.Contains($"{field}: ", (string)error["message"]!);
        Assert.Contains(message, (string)error["message"]!);
        Assert.DoesNotContain("secret-patient-value", error.ToJsonString());
    }

    [Theory]
    [InlineData("application/json; charset=latin1", "only supports UTF-8")]
    [InlineData("application/json; format=pandas-split", "Unrecognized content type parameters: format")]
    [InlineData("text/csv; format=pandas-records", "Unrecognized content type parameters: format")]
    [InlineData("text/plain", "only supports the following content types")]
    [InlineData("application/x-www-form-urlencoded", "only supports the following content types")]
    public async Task ContentTypesMlflowRejectsAre415(string contentType, string message)
    {
        var response = await _client.PostJsonAsync("/invocations", HeartRows.DataframeSplit(), contentType);

        var error = await AssertMlflowError(response, HttpStatusCode.UnsupportedMediaType, "BAD_REQUEST");
        Assert.Contains(message, (string)error["message"]!);
    }

    [Theory]
    [InlineData("dataframe_records")]
    [InlineData("dataframe_split")]
    public async Task MoreRowsThanTheLimitIsA413(string format)
    {
        var rows = string.Join(",", Enumerable.Repeat(TrainedModels.HeartRow(), 21));
        var values = string.Join(",", Enumerable.Repeat("[63, 1, 1, 145, 233, 1, 2, 150, 0, 2.3, 3, 0, 6]", 21));
        var body = format == "dataframe_records"
            ? $"{{\"dataframe_records\": [{rows}]}}"
            : $"{{\"dataframe_split\": {{\"columns\": [{string.Join(",", HeartRows.Columns.Select(c => $"\"{c}\""))}], \"data\": [{values}]}}}}";

        var response = await _client.PostJsonAsync("/invocations", body);

        var error = await AssertMlflowError(response, HttpStatusCode.RequestEntityTooLarge, "BAD_REQUEST");
        Assert.Contains("at most 20", (string)error["message"]!);
    }

    [Theory]
    [InlineData("/ping")]
    [InlineData("/health")]
    public async Task PingAndHealthAnswerANewlineWhileTheDefaultModelIsLoaded(string path)
    {
        var response = await _client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("\n", await response.Content.ReadAsStringAsync());
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task VersionIsThePlainVersionString()
    {
        var response = await _client.GetAsync("/version");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ServiceInfo.Version, await response.Content.ReadAsStringAsync());
        Assert.Matches(@"^\d+\.\d+\.\d+$", ServiceInfo.Version);
    }

    [Fact]
    public async Task PredictionsAreCountedUnderTheMlflowProtocolLabel()
    {
        await _client.PostJsonAsync("/invocations", HeartRows.DataframeSplit());

        var metrics = await _client.GetStringAsync("/metrics");

        Assert.Contains("mlservice_predictions_total{model=\"heart-disease\",version=\"1\",protocol=\"mlflow\",outcome=\"ok\"}", metrics);
    }

    private static string Change(Action<JsonObject> change)
    {
        var row = HeartRows.Rows[0].DeepClone().AsObject();
        change(row);
        return row.ToJsonString();
    }

    /// <summary>An MLflow error: the status of its table, problem+json carrying error_code and message (and no stack trace).</summary>
    internal static async Task<JsonNode> AssertMlflowError(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonNode.Parse(text)!;
        Assert.Equal(code, (string?)body["error_code"]);
        Assert.False(string.IsNullOrEmpty((string?)body["message"]));
        Assert.Equal((int)status, (int)body["status"]!);
        Assert.Null(body["stack_trace"]);
        Assert.DoesNotContain("   at ", text);
        return body;
    }
}

/// <summary>With <c>MlService:Inference:EchoInputInErrors</c> on, MLflow error messages quote the offending value (as MLflow itself does).</summary>
[Collection(TrainedModelsCollection.Name)]
public sealed class MlflowEchoInputTests(TrainedModels models) : IAsyncLifetime
{
    private readonly ServiceFactory _factory = new(models, new Dictionary<string, string?> { ["MlService:Inference:EchoInputInErrors"] = "true" });
    private HttpClient _client = null!;

    public async Task InitializeAsync() => _client = await _factory.ReadyClientAsync();

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task TheOffendingValueIsQuotedWhenEchoIsConfigured()
    {
        var row = HeartRows.Rows[0].DeepClone().AsObject();
        row["age"] = "sixty-three";

        var response = await _client.PostJsonAsync("/invocations", $"{{\"dataframe_records\": [{row.ToJsonString()}]}}");

        var error = await MlflowScoringTests.AssertMlflowError(response, HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE");
        Assert.Contains("[0].age: must be an integer (int64) (got 'sixty-three')", (string)error["message"]!);
    }
}
