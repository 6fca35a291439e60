namespace MlService.Api.Tests.Protocols;

/// <summary>
/// MLflow requests written by pandas for a frame without column names: <c>"columns": [0, 1]</c> in <c>dataframe_split</c>
/// and keys "0", "1" in <c>dataframe_records</c>. They match inputs named "0", "1" when the signature has them, else the
/// inputs at those positions (an sklearn pipeline converted with one input per column, color then size).
/// </summary>
[Collection(TrainedModelsCollection.Name)]
public sealed class PandasUnnamedColumnsTests(TrainedModels models) : ModelFilesServiceTests(models, "mlservice-pandas-columns-")
{
    protected override Dictionary<string, string?> WriteModels()
    {
        var pipeline = OnnxTestModels.Pipeline().Save(Path.Combine(Root, "pipeline.onnx"));
        // Inputs named "1" and "0", declared in that order: by-name matching and positional matching give different answers.
        var difference = new OnnxModelBuilder()
            .Input("1", OnnxElement.Float, -1, 1)
            .Input("0", OnnxElement.Float, -1, 1)
            .Node("Sub", ["0", "1"], ["difference"])
            .Output("difference", OnnxElement.Float, -1, 1)
            .Save(Path.Combine(Root, "difference.onnx"));
        return new Dictionary<string, string?>
        {
            ["MlService:DefaultModel"] = "pipeline",
            ["MlService:Models:2:Name"] = "pipeline",
            ["MlService:Models:2:Uri"] = pipeline,
            ["MlService:Models:3:Name"] = "difference",
            ["MlService:Models:3:Uri"] = difference,
        };
    }

    private static string Expected(params (string Color, double Size)[] rows) =>
        "[" + string.Join(",", rows.Select(r => System.Text.Json.JsonSerializer.Serialize((float)OnnxTestModels.PipelineByHand(r.Color, r.Size)))) + "]";

    [Fact]
    public async Task DataframeSplitWithIntegerColumnsMatchesTheSignatureByPosition()
    {
        var response = await Client.PostJsonAsync("/invocations",
            """{"dataframe_split": {"columns": [0, 1], "index": [0, 1], "data": [["red", 3.0], ["blue", 1.5]]}}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Expected(("red", 3.0), ("blue", 1.5)), (await response.ReadAsync())["predictions"]!.ToJsonString());
    }

    [Fact]
    public async Task DataframeRecordsWithIntegerKeysMatchTheSignatureByPosition()
    {
        var response = await Client.PostJsonAsync("/invocations", """{"dataframe_records": [{"0": "green", "1": 2.0}, {"1": 4.0, "0": "red"}]}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Expected(("green", 2.0), ("red", 4.0)), (await response.ReadAsync())["predictions"]!.ToJsonString());
    }

    [Theory]
    [InlineData("""{"dataframe_split": {"columns": [0, 1], "data": [[10, 3]]}}""")]
    [InlineData("""{"dataframe_split": {"columns": [1, 0], "data": [[3, 10]]}}""")]
    [InlineData("""{"dataframe_records": [{"0": 10, "1": 3}]}""")]
    public void IntegerColumnsMatchInputsNamedWithThoseNumbersBeforePositions(string body)
    {
        // The signature declares "1" first: by position, column 0 would be input "1"; by name it is input "0".
        IReadOnlyList<FieldSpec> fields = [new("1", DataKind.Float32), new("0", DataKind.Float32)];

        var frame = MlflowRequestDecoder.Decode(Encoding.UTF8.GetBytes(body), fields, ValidationOptions.Default, 10);

        Assert.Equal([10f], frame["0"].As<float>());
        Assert.Equal([3f], frame["1"].As<float>());
    }

    [Fact]
    public async Task AModelWithInputsNamedByNumbersServesThem()
    {
        var response = await Client.PostJsonAsync("/models/difference/predict", """{"0": 10, "1": 3}""");

        Assert.Equal(7f, (await response.ReadAsync())["prediction"]!["difference"]!.GetValue<float>());
    }

    [Fact]
    public async Task AnIntegerColumnBeyondTheSignatureIsAnUnknownColumn()
    {
        var response = await Client.PostJsonAsync("/invocations", """{"dataframe_split": {"columns": [0, 1, 2], "data": [["red", 3.0, 9]]}}""");

        // Like any column the signature does not name, it is ignored unless StrictInputs is on.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Expected(("red", 3.0)), (await response.ReadAsync())["predictions"]!.ToJsonString());
    }

    [Fact]
    public async Task AColumnLabelThatIsNeitherTextNorAnIndexIsRefusedNamingTheField()
    {
        var response = await Client.PostJsonAsync("/invocations", """{"dataframe_split": {"columns": [0.5, 1], "data": [["red", 3.0]]}}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("dataframe_split.columns", await response.Content.ReadAsStringAsync());
    }
}
