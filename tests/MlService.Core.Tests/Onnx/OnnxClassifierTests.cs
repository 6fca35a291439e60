namespace MlService.Core.Tests.Onnx;

public sealed class OnnxClassifierTests
{
    private static readonly double[][] IrisRows = [[5.1, 3.5, 1.4, 0.2], [6.2, 2.9, 4.3, 1.3], [7.7, 3.0, 6.1, 2.3], [0, 0, 0, 0]];

    [Fact]
    public void ThreeClassClassifierReturnsLabelsAndZipMapProbabilitiesPerClass()
    {
        using var dir = new TempModelDirectory().With(OnnxTestModels.Iris());
        using var model = OnnxModelRuntime.LoadFile(dir.ModelFile);
        var input = new Frame(IrisRows.Length,
            [FrameColumn.Create("float_input", DataKind.Float32, IrisRows.SelectMany(r => r.Select(v => (float)v)).ToArray(), width: 4)]);

        var output = model.Predict(input);

        Assert.Equal(["output_label", "output_probability"], output.Columns.Select(c => c.Name));
        var labels = output["output_label"];
        Assert.Equal(DataKind.Int64, labels.Kind);
        Assert.Equal(1, labels.Width);
        Assert.Equal([10L, 20L, 30L, 20L], labels.As<long>());
        var probabilities = output["output_probability"];
        Assert.Equal(DataKind.Float32, probabilities.Kind);
        Assert.Equal(3, probabilities.Width);
        Assert.Equal(["10", "20", "30"], probabilities.SlotNames);
        for (var row = 0; row < IrisRows.Length; row++)
        {
            var expected = OnnxTestModels.IrisProbabilities(IrisRows[row]);
            for (var k = 0; k < 3; k++) Assert.Equal(expected[k], probabilities.As<float>()[row * 3 + k], 5);
        }
    }

    [Fact]
    public void MlflowColumnSignatureFeedsAllDoubleColumnsAsOneFloatMatrix()
    {
        string[] names = ["sepal_length", "sepal_width", "petal_length", "petal_width"];
        var inputs = "[" + string.Join(", ", names.Select(n => $"{{\"type\": \"double\", \"name\": \"{n}\", \"required\": true}}")) + "]";
        using var dir = new TempModelDirectory().With(OnnxTestModels.Iris()).WithMlModel(MlflowOnnxMlModel.Yaml(inputs));
        using var model = new OnnxModelRuntime().Load(dir.Open());
        var columns = names.Select((n, j) => FrameColumn.Create(n, DataKind.Float64, IrisRows.Select(r => r[j]).ToArray())).ToList();

        var output = model.Predict(new Frame(IrisRows.Length, columns));

        Assert.Equal(names, model.Signature.Inputs.Select(i => i.Name));
        Assert.All(model.Signature.Inputs, i => Assert.Equal(DataKind.Float64, i.Kind));
        Assert.Equal([10L, 20L, 30L, 20L], output["output_label"].As<long>());
        Assert.Equal(OnnxTestModels.IrisProbabilities(IrisRows[1])[1], output["output_probability"].As<float>()[1 * 3 + 1], 5);
    }

    [Fact]
    public void MlflowTensorSignatureFeedsTheTensorColumnToTheGraphInput()
    {
        const string inputs = """[{"name": "float_input", "type": "tensor", "tensor-spec": {"dtype": "float32", "shape": [-1, 4]}}]""";
        const string outputs = """[{"name": "label", "type": "tensor", "tensor-spec": {"dtype": "int64", "shape": [-1]}}]""";
        using var dir = new TempModelDirectory().With(OnnxTestModels.Iris()).WithMlModel(MlflowOnnxMlModel.Yaml(inputs, outputs));
        using var model = new OnnxModelRuntime().Load(dir.Open());

        var output = model.Predict(new Frame(1, [FrameColumn.Create("float_input", DataKind.Float32, new[] { 7.7f, 3.0f, 6.1f, 2.3f }, width: 4)]));

        Assert.Equal([-1L, 4L], model.Signature.Inputs.Single().Shape);
        // The MLmodel names an output 'label' the graph does not have: the signature describes what predictions carry.
        Assert.Equal(["output_label", "output_probability"], model.Signature.Outputs.Select(o => o.Name));
        Assert.Equal([30L], output["output_label"].As<long>());
    }

    [Fact]
    public void BinaryClassifierWithStringLabelsReturnsLabelAndTwoClassProbabilities()
    {
        double[][] rows = [[1, 0.2, 0, 0], [0, 1, 0, 0], [0.5, 0.5, 0.5, 0.5]];
        using var dir = new TempModelDirectory().With(OnnxTestModels.Binary());
        using var model = OnnxModelRuntime.LoadFile(dir.ModelFile);

        var output = model.Predict(new Frame(rows.Length,
            [FrameColumn.Create("float_input", DataKind.Float32, rows.SelectMany(r => r.Select(v => (float)v)).ToArray(), width: 4)]));

        Assert.Equal(DataKind.String, output["output_label"].Kind);
        Assert.Equal(new string?[] { "yes", "no", "no" }, output["output_label"].As<string?>());
        var probabilities = output["output_probability"];
        Assert.Equal(["no", "yes"], probabilities.SlotNames);
        for (var row = 0; row < rows.Length; row++)
        {
            var yes = OnnxTestModels.BinaryProbabilityOfYes(rows[row]);
            Assert.Equal(1 - yes, probabilities.As<float>()[row * 2], 5);
            Assert.Equal(yes, probabilities.As<float>()[row * 2 + 1], 5);
        }
    }

    [Fact]
    public void DeclaredOutputsThatNameTheGraphOutputsAreKept()
    {
        const string inputs = """[{"name": "float_input", "type": "tensor", "tensor-spec": {"dtype": "float32", "shape": [-1, 4]}}]""";
        const string outputs = """[{"type": "long", "name": "output_label", "required": true}, {"name": "output_probability", "type": "tensor", "tensor-spec": {"dtype": "float32", "shape": [-1, 3]}}]""";
        using var dir = new TempModelDirectory().With(OnnxTestModels.Iris()).WithMlModel(MlflowOnnxMlModel.Yaml(inputs, outputs));

        using var model = new OnnxModelRuntime().Load(dir.Open());

        Assert.Equal([-1L, 3L], model.Signature.Outputs[1].Shape);
        Assert.Equal(new FieldSpec("output_label", DataKind.Int64), model.Signature.Outputs[0]);
    }

    [Fact]
    public void PredictAfterDisposeFailsInsteadOfRunningAReleasedSession()
    {
        using var dir = new TempModelDirectory().With(OnnxTestModels.Iris());
        var model = OnnxModelRuntime.LoadFile(dir.ModelFile);
        model.Dispose();

        Assert.Throws<ObjectDisposedException>(() =>
            model.Predict(new Frame(1, [FrameColumn.Create("float_input", DataKind.Float32, new float[4], width: 4)])));
    }

    [Fact]
    public void ConcurrentPredictionsOnOneSessionEachGetTheirOwnResults()
    {
        using var dir = new TempModelDirectory().With(OnnxTestModels.Iris());
        using var model = OnnxModelRuntime.LoadFile(dir.ModelFile);
        var results = new long[64];

        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var row = IrisRows[i % 3].Select(v => (float)v).ToArray();
            var output = model.Predict(new Frame(1, [FrameColumn.Create("float_input", DataKind.Float32, row, width: 4)]));
            results[i] = output["output_label"].As<long>()[0];
        });

        for (var i = 0; i < results.Length; i++) Assert.Equal(OnnxTestModels.IrisLabels[i % 3], results[i]);
    }
}
