namespace MlService.Core.Tests.Onnx;

public sealed class OnnxFeedingTests
{
    [Fact]
    public void FixedBatchOfOneRunsRowByRowAndConcatenatesTheResults()
    {
        using var dir = new TempModelDirectory().With(OnnxTestModels.FixedBatch());
        using var model = OnnxModelRuntime.LoadFile(dir.ModelFile);

        var output = model.Predict(new Frame(3, [FrameColumn.Create("X", DataKind.Float32, new[] { 1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f, 9f }, width: 3)]));

        Assert.Equal(3, output.RowCount);
        Assert.Equal(3, output["Y"].Width);
        Assert.Equal([11f, 22f, 33f, 14f, 25f, 36f, 17f, 28f, 39f], output["Y"].As<float>());
    }

    [Fact]
    public void FixedBatchLargerThanOneRejectsARowCountItDoesNotDivide()
    {
        using var dir = new TempModelDirectory().With(OnnxTestModels.FixedBatch(batch: 2));
        using var model = OnnxModelRuntime.LoadFile(dir.ModelFile);

        var fourRows = model.Predict(new Frame(4, [FrameColumn.Create("X", DataKind.Float32, new float[12], width: 3)]));
        var error = Assert.Throws<InputValidationException>(() =>
            model.Predict(new Frame(3, [FrameColumn.Create("X", DataKind.Float32, new float[9], width: 3)])));

        Assert.Equal([10f, 20f, 30f, 10f, 20f, 30f, 10f, 20f, 30f, 10f, 20f, 30f], fourRows["Y"].As<float>());
        Assert.Equal(422, error.StatusCode);
        Assert.Contains("exactly 2 rows", error.Message);
    }

    [Fact]
    public void Float64DataForAFloat32InputIsCast()
    {
        using var dir = new TempModelDirectory().With(OnnxTestModels.FixedBatch());
        using var model = OnnxModelRuntime.LoadFile(dir.ModelFile);

        var output = model.Predict(new Frame(1, [FrameColumn.Create("X", DataKind.Float64, new[] { 0.5, 1.25, -2.0 }, width: 3)]));

        Assert.Equal([10.5f, 21.25f, 28f], output["Y"].As<float>());
    }

    [Fact]
    public void Int64InputProducesAPlainProbabilityTensorAsAVectorColumn()
    {
        long[][] rows = [[1, 0], [0, 3], [2, 2]];
        using var dir = new TempModelDirectory().With(OnnxTestModels.Counts());
        using var model = OnnxModelRuntime.LoadFile(dir.ModelFile);

        var output = model.Predict(new Frame(3, [FrameColumn.Create("counts", DataKind.Int64, rows.SelectMany(r => r).ToArray(), width: 2)]));

        var probabilities = output["probabilities"];
        Assert.Equal(DataKind.Float32, probabilities.Kind);
        Assert.Equal(3, probabilities.Width);
        Assert.Null(probabilities.SlotNames);
        for (var row = 0; row < rows.Length; row++)
        {
            var expected = OnnxTestModels.CountsByHand(rows[row][0], rows[row][1]);
            for (var k = 0; k < 3; k++) Assert.Equal(expected[k], probabilities.As<float>()[row * 3 + k], 5);
        }
        var spec = Assert.Single(model.Signature.Inputs);
        Assert.Equal(("counts", DataKind.Int64), (spec.Name, spec.Kind));
        Assert.Equal([-1L, 2L], spec.Shape);
        var outputSpec = Assert.Single(model.Signature.Outputs);
        Assert.Equal([-1L, 3L], outputSpec.Shape);
    }

    [Fact]
    public void BoolInt32Int64AndStringInputsAreFedWithTheirOwnTypes()
    {
        using var dir = new TempModelDirectory().With(OnnxTestModels.Typed());
        using var model = OnnxModelRuntime.LoadFile(dir.ModelFile);

        var output = model.Predict(new Frame(2,
        [
            FrameColumn.Create("flag", DataKind.Boolean, new[] { true, false }),
            FrameColumn.Create("count", DataKind.Int32, new[] { 7, -3 }),
            FrameColumn.Create("code", DataKind.Int64, new[] { 5_000_000_000L, 42L }),
            FrameColumn.Create("name", DataKind.String, new string?[] { "ана", null }),
        ]));

        Assert.Equal(
            [new FieldSpec("flag", DataKind.Boolean), new FieldSpec("count", DataKind.Int32), new FieldSpec("code", DataKind.Int64), new FieldSpec("name", DataKind.String)],
            model.Signature.Inputs);
        Assert.Equal([1f, 7f, 0f, -3f], output["numbers"].As<float>());
        Assert.Equal([5_000_000_000L, 42L], output["code_out"].As<long>());
        Assert.Equal(1, output["code_out"].Width);
        Assert.Equal(new string?[] { "ана", "" }, output["name_out"].As<string?>());
    }

    [Fact]
    public void Float16InputsAndOutputsRoundTripThroughHalfColumns()
    {
        using var dir = new TempModelDirectory().With(OnnxTestModels.Halves());
        using var model = OnnxModelRuntime.LoadFile(dir.ModelFile);

        var output = model.Predict(new Frame(2, [FrameColumn.Create("half", DataKind.Float16, new[] { (Half)1.5f, (Half)(-2f), (Half)0.25f, (Half)1024f }, width: 2)]));

        Assert.Equal(DataKind.Float16, model.Signature.Inputs.Single().Kind);
        Assert.Equal([1.5f, -2f, 0.25f, 1024f], output["widened"].As<float>());
        Assert.Equal(DataKind.Float16, output["half_out"].Kind);
        Assert.Equal([(Half)1.5f, (Half)(-2f), (Half)0.25f, (Half)1024f], output["half_out"].As<Half>());
    }

    [Fact]
    public void DoubleDataForAnInt64InputIsConvertedToWholeNumbers()
    {
        using var dir = new TempModelDirectory().With(OnnxTestModels.Counts());
        using var model = OnnxModelRuntime.LoadFile(dir.ModelFile);

        var output = model.Predict(new Frame(1, [FrameColumn.Create("counts", DataKind.Float64, new[] { 2.0, 2.0 }, width: 2)]));

        Assert.Equal(OnnxTestModels.CountsByHand(2, 2)[0], output["probabilities"].As<float>()[0], 5);
    }

    [Fact]
    public void ZeroRowsGiveEmptyOutputColumnsWithoutRunningTheGraph()
    {
        using var dir = new TempModelDirectory().With(OnnxTestModels.Iris());
        using var model = OnnxModelRuntime.LoadFile(dir.ModelFile);

        var output = model.Predict(new Frame(0, [FrameColumn.Create("float_input", DataKind.Float32, Array.Empty<float>(), width: 4)]));

        Assert.Equal(0, output.RowCount);
        Assert.Equal(["output_label", "output_probability"], output.Columns.Select(c => c.Name));
    }

    [Fact]
    public void MissingInputColumnIsReportedByName()
    {
        using var dir = new TempModelDirectory().With(OnnxTestModels.Pipeline());
        using var model = OnnxModelRuntime.LoadFile(dir.ModelFile);

        var error = Assert.Throws<ArgumentException>(() => model.Predict(new Frame(1, [FrameColumn.Create("size", DataKind.Float32, new[] { 1f })])));

        Assert.Contains("'color'", error.Message);
    }
}
