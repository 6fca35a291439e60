namespace MlService.Api.Tests.Functional;

[Collection(TrainedModelsCollection.Name)]
public sealed class NativePredictionTests(TrainedModels models) : TrainedModelsServiceTests(models)
{
    [Fact]
    public async Task PredictWithAnObjectReturnsOnePredictionWithLabelScoreAndProbability()
    {
        var response = await Client.PostJsonAsync("/predict", TrainedModels.HeartRow());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadAsync();
        Assert.Equal("heart-disease", (string?)body["model_name"]);
        Assert.Equal("1", (string?)body["model_version"]);
        var prediction = body["prediction"]!.AsObject();
        Assert.IsType<bool>(prediction["PredictedLabel"]!.GetValue<bool>());
        var probability = prediction["Probability"]!.GetValue<double>();
        Assert.InRange(probability, 0.0, 1.0);
        Assert.Equal(probability >= 0.5, prediction["PredictedLabel"]!.GetValue<bool>());
    }

    [Fact]
    public async Task PredictWithAnArrayReturnsOnePredictionPerRowInOrder()
    {
        var rows = $"[{TrainedModels.HeartRow(age: 35, chol: 180, oldpeak: 0)}, {TrainedModels.HeartRow(age: 70, chol: 400, oldpeak: 5.5)}, {TrainedModels.HeartRow()}]";

        var response = await Client.PostJsonAsync("/models/heart-disease/predict", rows);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var predictions = (await response.ReadAsync())["predictions"]!.AsArray();
        Assert.Equal(3, predictions.Count);
        Assert.All(predictions, p => Assert.InRange(p!["Probability"]!.GetValue<double>(), 0.0, 1.0));
    }

    [Fact]
    public async Task BatchAndSinglePredictionsGiveTheSameNumbers()
    {
        string[] rows = [TrainedModels.HeartRow(age: 41), TrainedModels.HeartRow(age: 58, chol: 300), TrainedModels.HeartRow(age: 67, oldpeak: 3.1)];

        var batch = (await (await Client.PostJsonAsync("/predict", $"[{string.Join(",", rows)}]")).ReadAsync())["predictions"]!.AsArray();
        for (var i = 0; i < rows.Length; i++)
        {
            var single = (await (await Client.PostJsonAsync("/predict", rows[i])).ReadAsync())["prediction"]!;
            Assert.Equal(single["Score"]!.GetValue<double>(), batch[i]!["Score"]!.GetValue<double>());
            Assert.Equal(single["Probability"]!.GetValue<double>(), batch[i]!["Probability"]!.GetValue<double>());
            Assert.Equal(single["PredictedLabel"]!.GetValue<bool>(), batch[i]!["PredictedLabel"]!.GetValue<bool>());
        }
    }

    [Fact]
    public async Task HigherRiskRowsGetAHigherProbability()
    {
        var low = (await (await Client.PostJsonAsync("/predict", TrainedModels.HeartRow(age: 30, sex: 0, cp: 1, trestbps: 110, chol: 160, oldpeak: 0))).ReadAsync())["prediction"]!;
        var high = (await (await Client.PostJsonAsync("/predict", TrainedModels.HeartRow(age: 75, sex: 1, cp: 4, trestbps: 190, chol: 450, oldpeak: 5.0))).ReadAsync())["prediction"]!;

        Assert.True(high["Probability"]!.GetValue<double>() > low["Probability"]!.GetValue<double>());
    }

    [Fact]
    public async Task ResponsesCarryModelRequestAndHostHeaders()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/predict") { Content = Json.Body(TrainedModels.HeartRow()) };
        request.Headers.Add("X-Request-Id", "caller-id-123");

        var response = await Client.SendAsync(request);

        Assert.Equal("heart-disease", response.Headers.GetValues("X-Model-Name").Single());
        Assert.Equal("1", response.Headers.GetValues("X-Model-Version").Single());
        Assert.Equal("caller-id-123", response.Headers.GetValues("X-Request-Id").Single());
        Assert.Equal(Environment.MachineName, response.Headers.GetValues("X-Served-By").Single());
    }

    [Fact]
    public async Task ARequestIdIsGeneratedWhenTheCallerSendsNone()
    {
        var first = await Client.PostJsonAsync("/predict", TrainedModels.HeartRow());
        var second = await Client.PostJsonAsync("/predict", TrainedModels.HeartRow());

        var id1 = first.Headers.GetValues("X-Request-Id").Single();
        var id2 = second.Headers.GetValues("X-Request-Id").Single();
        Assert.Equal(32, id1.Length);
        Assert.NotEqual(id1, id2);
    }

    [Fact]
    public async Task AModelTrainedOnStringBoolIntAndFloatColumnsPredictsFromEachType()
    {
        const string row = """{"colour": "red", "organic": true, "weight": 20, "ratio": 0.5}""";
        const string cheaper = """{"colour": "blue", "organic": false, "weight": 20, "ratio": 0.5}""";

        var expensive = (await (await Client.PostJsonAsync("/models/mixed/predict", row)).ReadAsync())["prediction"]!["Score"]!.GetValue<double>();
        var cheap = (await (await Client.PostJsonAsync("/models/mixed/predict", cheaper)).ReadAsync())["prediction"]!["Score"]!.GetValue<double>();

        // Ground truth: 2*20 + 15 + 10 + 10 = 75 versus 2*20 + 0 + 0 + 10 = 50.
        Assert.InRange(expensive, 60, 90);
        Assert.InRange(cheap, 38, 62);
        Assert.True(expensive - cheap > 10);
    }

    [Fact]
    public async Task ExtraUnknownFieldsAreIgnoredByDefault()
    {
        var row = JsonNode.Parse(TrainedModels.HeartRow())!.AsObject();
        row["patient_name"] = "not a model input";

        var response = await Client.PostJsonAsync("/predict", row.ToJsonString());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task NumbersSentAsStringsAreAccepted()
    {
        var row = JsonNode.Parse(TrainedModels.HeartRow())!.AsObject();
        row["age"] = "63";
        row["oldpeak"] = "2.3";

        var response = await Client.PostJsonAsync("/predict", row.ToJsonString());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
