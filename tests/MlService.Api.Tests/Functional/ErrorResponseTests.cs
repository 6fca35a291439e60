namespace MlService.Api.Tests.Functional;

[Collection(TrainedModelsCollection.Name)]
public sealed class ErrorResponseTests(TrainedModels models) : IAsyncLifetime
{
    private readonly ServiceFactory _factory = new(models, new Dictionary<string, string?>
    {
        ["MlService:Inference:MaxBodyBytes"] = "4096",
        ["MlService:Inference:MaxRowsPerRequest"] = "5",
    });
    private HttpClient _client = null!;

    public async Task InitializeAsync() => _client = await _factory.ReadyClientAsync();

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private static string Row(Action<JsonObject> change)
    {
        var row = JsonNode.Parse(TrainedModels.HeartRow())!.AsObject();
        change(row);
        return row.ToJsonString();
    }

    public static TheoryData<string, string, string> InvalidRows => new()
    {
        { Row(r => r.Remove("age")), "age", "field required" },
        { Row(r => r["age"] = "sixty"), "age", "must be an integer" },
        { Row(r => r["chol"] = true), "chol", "got a boolean" },
        { Row(r => r["oldpeak"] = "abc"), "oldpeak", "must be a number" },
        { Row(r => r["age"] = 12345678901234567890.0), "age", "out of range" },
        { Row(r => r["age"] = JsonValue.Create(99999999999999999999m)), "age", "out of range" },
        { Row(r => r["sex"] = null), "sex", "may not be null" },
        { Row(r => r["thal"] = new JsonArray(1, 2)), "thal", "got an array" },
        { Row(r => r["age"] = 63.5), "age", "must be an integer" },
    };

    [Theory]
    [MemberData(nameof(InvalidRows))]
    public async Task AnInvalidRowIsA422NamingTheField(string body, string field, string message)
    {
        var response = await _client.PostJsonAsync("/predict", body);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.ReadAsync();
        Assert.Equal(422, (int)problem["status"]!);
        var errors = problem["errors"]!.AsObject();
        Assert.True(errors.ContainsKey(field), $"errors should name '{field}': {errors.ToJsonString()}");
        Assert.Contains(message, errors[field]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task EveryProblemOfABatchIsReportedByRowAndField()
    {
        var batch = $"[{TrainedModels.HeartRow()}, {Row(r => r.Remove("age"))}, {TrainedModels.HeartRow()}, {Row(r => { r["chol"] = "x"; r["sex"] = null; })}]";

        var response = await _client.PostJsonAsync("/predict", batch);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var errors = (await response.ReadAsync())["errors"]!.AsObject();
        Assert.Equal(["[1].age", "[3].chol", "[3].sex"], errors.Select(e => e.Key).Order().ToArray());
    }

    [Fact]
    public async Task ErrorBodiesDoNotEchoTheInputOrAStackTrace()
    {
        var response = await _client.PostJsonAsync("/predict", Row(r => r["chol"] = "secret-patient-value"));

        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("secret-patient-value", text);
        Assert.DoesNotContain("   at ", text);
    }

    [Theory]
    [InlineData("{\"age\": 63,")]
    [InlineData("{not json}")]
    [InlineData("")]
    [InlineData("42")]
    [InlineData("[1, 2")]
    public async Task MalformedJsonIsA400(string body)
    {
        var response = await _client.PostJsonAsync("/predict", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.False(string.IsNullOrEmpty((string?)(await response.ReadAsync())["detail"]));
    }

    [Fact]
    public async Task ANonObjectRowInABatchIsA422AtItsIndex()
    {
        var response = await _client.PostJsonAsync("/predict", $"[{TrainedModels.HeartRow()}, 42]");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.True((await response.ReadAsync())["errors"]!.AsObject().ContainsKey("[1]"));
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    [InlineData("application/json; charset=latin1")]
    public async Task AWrongContentTypeIsA415(string contentType)
    {
        var response = await _client.PostJsonAsync("/predict", TrainedModels.HeartRow(), contentType);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal(415, (int)(await response.ReadAsync())["status"]!);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("Application/JSON")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("application/json;charset=UTF-8")]
    [InlineData("application/json; charset=utf8")]
    public async Task JsonContentTypesInAnyCaseAndWithAUtf8CharsetAreAccepted(string contentType)
    {
        var response = await _client.PostJsonAsync("/predict", TrainedModels.HeartRow(), contentType);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ABodyOverTheLimitIsA413()
    {
        var big = $"[{string.Join(",", Enumerable.Repeat(TrainedModels.HeartRow(), 40))}]";

        var response = await _client.PostJsonAsync("/predict", big);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("4096", (string?)(await response.ReadAsync())["detail"]);
    }

    [Fact]
    public async Task MoreRowsThanTheLimitIsA413()
    {
        var rows = $"[{string.Join(",", Enumerable.Repeat("{}", 6))}]";

        var response = await _client.PostJsonAsync("/predict", rows);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("at most 5", (string?)(await response.ReadAsync())["detail"]);
    }

    [Fact]
    public async Task AnUnknownModelIsA404()
    {
        var response = await _client.PostJsonAsync("/models/no-such-model/predict", TrainedModels.HeartRow());

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("no-such-model", (string?)(await response.ReadAsync())["detail"]);
    }

    [Theory]
    [InlineData("/no/such/route", HttpStatusCode.NotFound)]
    [InlineData("/predict", HttpStatusCode.MethodNotAllowed)]
    public async Task AnUnknownRouteOrMethodIsAProblemResponse(string path, HttpStatusCode status)
    {
        var response = await _client.GetAsync(path);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.ReadAsync();
        Assert.Equal((int)status, (int?)problem["status"]);
        Assert.Equal(path, (string?)problem["instance"]);
        Assert.Equal(response.Headers.GetValues("X-Request-Id").Single(), (string?)problem["request_id"]);
    }
}

[Collection(TrainedModelsCollection.Name)]
public sealed class StrictInputTests(TrainedModels models) : IAsyncLifetime
{
    private readonly ServiceFactory _factory = new(models, new Dictionary<string, string?> { ["MlService:Inference:StrictInputs"] = "true" });
    private HttpClient _client = null!;

    public async Task InitializeAsync() => _client = await _factory.ReadyClientAsync();

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task UnknownFieldsAreRejectedWhenStrictInputsIsOn()
    {
        var row = JsonNode.Parse(TrainedModels.HeartRow())!.AsObject();
        row["patient_name"] = "x";

        var response = await _client.PostJsonAsync("/predict", row.ToJsonString());

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.True((await response.ReadAsync())["errors"]!.AsObject().ContainsKey("patient_name"));
    }
}
