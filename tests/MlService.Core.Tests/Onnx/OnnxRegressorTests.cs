namespace MlService.Core.Tests.Onnx;

public sealed class OnnxRegressorTests
{
    [Fact]
    public void TreeEnsembleRegressorFollowsEveryBranchOfTheHandBuiltTrees()
    {
        float[][] rows = [[0.2f, 0.5f, 1.0f], [0.2f, 2f, 3f], [0.9f, 0f, 0f], [0.5f, 1f, 2f]];
        using var dir = new TempModelDirectory().With(OnnxTestModels.Trees());
        using var model = OnnxModelRuntime.LoadFile(dir.ModelFile);

        var output = model.Predict(new Frame(rows.Length, [FrameColumn.Create("X", DataKind.Float32, rows.SelectMany(r => r).ToArray(), width: 3)]));

        var variable = output["variable"];
        Assert.Equal(DataKind.Float32, variable.Kind);
        Assert.Equal(1, variable.Width);
        Assert.Equal(rows.Select(r => OnnxTestModels.TreesByHand(r[0], r[1], r[2])), variable.As<float>());
        Assert.Equal([100f, 105f, 109f, 104f], variable.As<float>());
    }

    [Fact]
    public void PipelineWithStringAndNumericInputsIsFedColumnByColumn()
    {
        string?[] colors = ["red", "blue", "purple", "green"];
        double[] sizes = [2.0, 6.0, 4.0, -1.0];
        const string inputs = """[{"type": "string", "name": "color", "required": true}, {"type": "double", "name": "size", "required": true}]""";
        using var dir = new TempModelDirectory().With(OnnxTestModels.Pipeline()).WithMlModel(MlflowOnnxMlModel.Yaml(inputs));
        using var model = new OnnxModelRuntime().Load(dir.Open());

        var output = model.Predict(new Frame(4,
        [
            FrameColumn.Create("size", DataKind.Float64, sizes),
            FrameColumn.Create("color", DataKind.String, colors),
        ]));

        var expected = colors.Select((c, i) => OnnxTestModels.PipelineByHand(c!, sizes[i])).ToArray();
        Assert.Equal([3.5, 9.5, 4.5, -3.5], expected);
        var actual = output["variable"].As<float>();
        for (var i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 5);
    }

    [Fact]
    public void SignatureOfPerColumnGraphInputsIsDerivedAsColumnsNamedLikeTheInputs()
    {
        using var dir = new TempModelDirectory().With(OnnxTestModels.Pipeline());
        using var model = OnnxModelRuntime.LoadFile(dir.ModelFile);

        Assert.Equal([new FieldSpec("color", DataKind.String), new FieldSpec("size", DataKind.Float32)], model.Signature.Inputs);
        Assert.Equal([new FieldSpec("variable", DataKind.Float32)], model.Signature.Outputs);
        var output = model.Predict(new Frame(1,
            [FrameColumn.Create("color", DataKind.String, new string?[] { "green" }), FrameColumn.Create("size", DataKind.Float32, new[] { 3f })]));
        Assert.Equal(OnnxTestModels.PipelineByHand("green", 3), output["variable"].As<float>()[0], 5);
    }
}
