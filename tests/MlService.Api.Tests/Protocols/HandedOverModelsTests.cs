namespace MlService.Api.Tests.Protocols;

/// <summary>
/// Models as ML engineers hand them over, served with no MLmodel: a bare <c>.onnx</c> path (a tree regressor whose output
/// is declared [N, 1], as skl2onnx writes regressors), a folder holding only <c>model.onnx</c> (a fixed-batch graph with a
/// [1, 1] output), and a bare ML.NET zip. Each protocol answers with the graph's numbers; V2 keeps the output dimensions.
/// </summary>
[Collection(TrainedModelsCollection.Name)]
public sealed class HandedOverModelsTests(TrainedModels models) : ModelFilesServiceTests(models, "mlservice-bare-models-")
{
    protected override Dictionary<string, string?> WriteModels()
    {
        var trees = OnnxTestModels.Trees().Save(Path.Combine(Root, "trees.onnx"));
        var folder = Directory.CreateDirectory(Path.Combine(Root, "plus-one")).FullName;
        new OnnxModelBuilder()
            .Input("x", OnnxElement.Float, 1, 1)
            .Initializer("one", [1, 1], [1f])
            .Node("Add", ["x", "one"], ["y"])
            .Output("y", OnnxElement.Float, 1, 1)
            .Save(Path.Combine(folder, "model.onnx"));
        var zip = Path.Combine(Root, "heart.zip");
        File.Copy(Path.Combine(Models.HeartResult.Directory, "model.zip"), zip);
        return new Dictionary<string, string?>
        {
            ["MlService:DefaultModel"] = "trees",
            ["MlService:Models:2:Name"] = "trees",
            ["MlService:Models:2:Uri"] = trees,
            ["MlService:Models:3:Name"] = "plus-one",
            ["MlService:Models:3:Uri"] = folder,
            ["MlService:Models:4:Name"] = "heart-zip",
            ["MlService:Models:4:Uri"] = zip,
        };
    }

    private static string TreesV2Request => """
        {"inputs": [{"name": "X", "datatype": "FP32", "shape": [2, 3], "data": [0.5, 1, 2, 0.4, 0.5, 3]}]}
        """;

    [Fact]
    public async Task V2AnswersAnNBy1OutputWithShapeNBy1AsItsMetadataDeclares()
    {
        var metadata = await (await Client.GetAsync("/v2/models/trees")).ReadAsync();
        var response = await Client.PostJsonAsync("/v2/models/trees/infer", TreesV2Request);
        var output = (await response.ReadAsync())["outputs"]!.AsArray().Single()!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("[-1,1]", metadata["outputs"]![0]!["shape"]!.ToJsonString());
        Assert.Equal("[-1,3]", metadata["inputs"]![0]!["shape"]!.ToJsonString());
        Assert.Equal("variable", output["name"]!.GetValue<string>());
        Assert.Equal("[2,1]", output["shape"]!.ToJsonString());
        Assert.Equal([OnnxTestModels.TreesByHand(0.5f, 1f, 2f), OnnxTestModels.TreesByHand(0.4f, 0.5f, 3f)],
            output["data"]!.AsArray().Select(v => v!.GetValue<float>()));
    }

    [Fact]
    public async Task AFixedBatchModelDeclaresAndReturnsItsOneByOneOutput()
    {
        var metadata = await (await Client.GetAsync("/v2/models/plus-one")).ReadAsync();
        var output = (await (await Client.PostJsonAsync("/v2/models/plus-one/infer",
            """{"inputs": [{"name": "x", "datatype": "FP32", "shape": [1, 1], "data": [41]}]}""")).ReadAsync())["outputs"]![0]!;

        Assert.Equal("[1,1]", metadata["outputs"]![0]!["shape"]!.ToJsonString());
        Assert.Equal("[1,1]", output["shape"]!.ToJsonString());
        Assert.Equal(42f, output["data"]![0]!.GetValue<float>());
    }

    [Fact]
    public async Task MlflowV1AndNativeKeepOneValuePerRowForAnNBy1Output()
    {
        // MLflow's onnx pyfunc flattens each output (reshape(-1)); V1 and the native API answer one value per row.
        var mlflow = await (await Client.PostJsonAsync("/invocations", """{"inputs": [[0.5, 1, 2], [0.4, 0.5, 3]]}""")).ReadAsync();
        var v1 = await (await Client.PostJsonAsync("/v1/models/trees:predict", """{"instances": [[0.5, 1, 2], [0.4, 0.5, 3]]}""")).ReadAsync();
        var native = await (await Client.PostJsonAsync("/models/trees/predict", """[{"X": [0.5, 1, 2]}, {"X": [0.4, 0.5, 3]}]""")).ReadAsync();

        Assert.Equal("""{"variable":[104,101]}""", mlflow["predictions"]!.ToJsonString());
        Assert.Equal("[104,101]", v1["predictions"]!.ToJsonString());
        Assert.Equal("""[{"variable":104},{"variable":101}]""", native["predictions"]!.ToJsonString());
    }

    [Fact]
    public async Task ABareMlNetZipServesWithTheInputSchemaItWasSavedWith()
    {
        var response = await Client.PostJsonAsync("/models/heart-zip/predict", TrainedModels.HeartRow());
        var served = await (await Client.PostJsonAsync("/models/heart-disease/predict", TrainedModels.HeartRow())).ReadAsync();
        var metadata = await (await Client.GetAsync("/v2/models/heart-zip")).ReadAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(served["prediction"]!["Probability"]!.GetValue<double>(), (await response.ReadAsync())["prediction"]!["Probability"]!.GetValue<double>());
        Assert.Contains(metadata["inputs"]!.AsArray(), i => i!["name"]!.GetValue<string>() == "thal");
        Assert.Equal("mlnet", metadata["platform"]!.GetValue<string>());
    }
}
