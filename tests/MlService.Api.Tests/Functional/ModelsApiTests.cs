namespace MlService.Api.Tests.Functional;

[Collection(TrainedModelsCollection.Name)]
public sealed class ModelsApiTests(TrainedModels models) : TrainedModelsServiceTests(models)
{
    [Fact]
    public async Task ListModelsShowsEveryServedModelWithVersionStatusAndDefault()
    {
        var list = (await (await Client.GetAsync("/models")).ReadAsync())["models"]!.AsArray();

        Assert.Equal(["heart-disease", "mixed"], list.Select(m => (string)m!["name"]!).ToArray());
        Assert.All(list, m => Assert.Equal("ready", (string?)m!["status"]));
        Assert.All(list, m => Assert.Equal("mlnet", (string?)m!["flavor"]));
        Assert.True((bool)list[0]!["default"]!);
        Assert.False((bool)list[1]!["default"]!);
    }

    [Fact]
    public async Task GetModelDescribesSignatureExampleMetricsAndStatus()
    {
        var model = await (await Client.GetAsync("/models/heart-disease")).ReadAsync();

        Assert.Equal("1", (string?)model["version"]);
        Assert.Equal("models:/heart-disease@production", (string?)model["uri"]);
        var inputs = model["signature"]!["inputs"]!.AsArray();
        Assert.Equal(13, inputs.Count);
        Assert.Equal(["age", "sex", "cp", "trestbps", "chol", "fbs", "restecg", "thalach", "exang", "oldpeak", "slope", "ca", "thal"],
            inputs.Select(i => (string)i!["name"]!).ToArray());
        Assert.Equal("long", (string?)inputs[0]!["type"]);
        Assert.Equal("double", (string?)inputs.Single(i => (string)i!["name"]! == "oldpeak")!["type"]);
        Assert.Contains(model["signature"]!["outputs"]!.AsArray(), o => (string?)o!["name"] == "Probability");
        Assert.NotEmpty(model["input_example"]!.AsArray());
        Assert.InRange(model["metrics"]!["auc"]!.GetValue<double>(), 0.75, 1.0);
        Assert.Null(model["last_error"]);
    }

    [Fact]
    public async Task GetModelOfAnUnknownNameIsA404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync("/models/nope")).StatusCode);
    }

    [Fact]
    public async Task ReloadOfAnUnchangedModelKeepsTheVersion()
    {
        var result = await (await Client.PostAsync("/models/heart-disease/reload", null)).ReadAsync();

        Assert.Equal("unchanged", (string?)result["outcome"]);
        Assert.Equal("1", (string?)result["version"]);
    }
}
