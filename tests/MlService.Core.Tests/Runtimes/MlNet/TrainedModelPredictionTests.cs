using System.Globalization;
using MlService.Trainer.Data;
using MlService.Trainer.Training;

namespace MlService.Core.Tests.Runtimes.MlNet;

/// <summary>Models trained by the trainer at test time, predicted through the real ML.NET runtime.</summary>
public sealed class TrainedModelPredictionTests
{
    [Fact]
    public void ABinaryHeartModelPredictsItsTrainingRowsMostlyRightWithCalibratedProbabilities()
    {
        var csv = HeartDiseaseDataGenerator.Generate(303, 42);
        using var model = new TrainedModel(csv, "target");
        var rows = FrameRows.FromCsv(csv, "target");
        var truth = CsvReader.Parse(csv).Column(13).Select(v => v == "1").ToArray();

        var output = model.Loaded.Predict(FrameRows.Build(model.Loaded.Signature, rows));

        Assert.Equal(["PredictedLabel", "Score", "Probability"], output.Columns.Select(c => c.Name));
        var predicted = output["PredictedLabel"].As<bool>();
        var probability = output["Probability"].As<float>();
        var accuracy = predicted.Zip(truth).Count(p => p.First == p.Second) / (double)truth.Length;
        Assert.True(accuracy > 0.75, $"training accuracy {accuracy}");
        Assert.All(probability, p => Assert.InRange(p, 0f, 1f));
        Assert.All(predicted.Zip(probability), p => Assert.Equal(p.First, p.Second > 0.5f));
        Assert.True(probability.Where((_, i) => truth[i]).Average() > probability.Where((_, i) => !truth[i]).Average() + 0.2);
    }

    [Theory]
    [InlineData(DataKind.Float32, false)]
    [InlineData(DataKind.Float64, false)]
    [InlineData(DataKind.Int32, false)]
    [InlineData(DataKind.Int64, true)]
    [InlineData(DataKind.String, false)]
    public void ColumnsOfAnyKindAndOrderPredictExactlyAsColumnsConvertedToTheModelsTypes(DataKind sent, bool reversed)
    {
        var csv = HeartDiseaseDataGenerator.Generate(120, 5);
        using var model = new TrainedModel(csv, "target");
        var frame = FrameRows.Build(model.Loaded.Signature, FrameRows.FromCsv(csv, "target"));
        // Reference: every column converted to the model's float32 up front (the runtime's slow path).
        var reference = model.Loaded.Predict(new Frame(frame.RowCount, [.. frame.Columns.Select(c => ColumnConversion.ConvertTo(c, DataKind.Float32))]));
        var columns = frame.Columns.Select(c => c.Name == "oldpeak" ? c : ColumnConversion.ConvertTo(c, sent)).ToList();
        if (reversed) columns.Reverse();

        var output = model.Loaded.Predict(new Frame(frame.RowCount, columns));

        foreach (var name in new[] { "PredictedLabel", "Score", "Probability" })
            Assert.Equal(reference[name].Values, output[name].Values);
    }

    [Fact]
    public void AMulticlassModelReturnsTheOriginalStringLabels()
    {
        using var model = new TrainedModel(SyntheticCsv.Iris(), "species");
        Assert.Equal(TrainTask.Multiclass, model.Result.Task);
        Assert.Equal(SyntheticCsv.Species, model.Result.Classes);

        var output = model.Loaded.Predict(FrameRows.Build(model.Loaded.Signature, [.. Enumerable.Range(0, 3).Select(CentreRow)]));

        Assert.Equal(SyntheticCsv.Species, output["PredictedLabel"].As<string>());
        var score = output["Score"];
        Assert.Equal(3, score.Width);
        Assert.Equal(SyntheticCsv.Species, score.SlotNames);
        var scores = score.As<float>();
        for (var row = 0; row < 3; row++) Assert.Equal(row, Array.IndexOf(scores[(row * 3)..(row * 3 + 3)], scores[(row * 3)..(row * 3 + 3)].Max()));
        Assert.Equal(DataKind.String, model.Directory.MlModel.Signature.Outputs[0].Kind);
        Assert.Equal([-1L, 3L], model.Directory.MlModel.Signature.Outputs[1].Shape);
        Assert.True(model.Result.Metrics["micro_accuracy"] > 0.9);
    }

    [Fact]
    public void AMulticlassModelWithIntegerLabelsReturnsThoseIntegers()
    {
        using var model = new TrainedModel(SyntheticCsv.Iris(numericLabels: true), "species");
        Assert.Equal(TrainTask.Multiclass, model.Result.Task);

        var output = model.Loaded.Predict(FrameRows.Build(model.Loaded.Signature, [.. Enumerable.Range(0, 3).Select(CentreRow)]));

        Assert.Equal(DataKind.Int64, output["PredictedLabel"].Kind);
        Assert.Equal([1L, 2L, 3L], output["PredictedLabel"].As<long>());
        Assert.Equal(["1", "2", "3"], output["Score"].SlotNames);
    }

    [Fact]
    public void ARegressionModelPredictsCloseToTheTruth()
    {
        using var model = new TrainedModel(SyntheticCsv.Linear(), "y");
        Assert.Equal(TrainTask.Regression, model.Result.Task);
        (int X1, int X2)[] points = [(1, 9), (5, 5), (8, 2), (3, 7)];

        var output = model.Loaded.Predict(FrameRows.Build(model.Loaded.Signature,
            [.. points.Select(p => Row(("x1", p.X1.ToString(CultureInfo.InvariantCulture)), ("x2", p.X2.ToString(CultureInfo.InvariantCulture))))]));

        var scores = output["Score"].As<float>();
        for (var i = 0; i < points.Length; i++)
            Assert.InRange(scores[i], SyntheticCsv.LinearTruth(points[i].X1, points[i].X2) - 2.5, SyntheticCsv.LinearTruth(points[i].X1, points[i].X2) + 2.5);
        Assert.True(model.Result.Metrics["r2"] > 0.9, $"r2 {model.Result.Metrics["r2"]}");
        Assert.Equal([("Score", DataKind.Float32)], model.Directory.MlModel.Signature.Outputs.Select(o => (o.Name, o.Kind)));
    }

    [Fact]
    public void AModelOnStringBooleanIntegerAndFloatColumnsServesAllOfThem()
    {
        using var model = new TrainedModel(SyntheticCsv.Mixed(), "approved");
        Assert.Equal(TrainTask.Binary, model.Result.Task);
        Assert.Equal("yes", model.Result.PositiveClass);
        Assert.Equal(
            [("age", DataKind.Int64), ("income", DataKind.Float64), ("member", DataKind.Boolean), ("plan", DataKind.String)],
            model.Loaded.Signature.Inputs.Select(i => (i.Name, i.Kind)));

        var output = model.Loaded.Predict(FrameRows.Build(model.Loaded.Signature,
            Row(("age", "40"), ("income", "95.0"), ("member", "false"), ("plan", "basic")),
            Row(("age", "40"), ("income", "22.5"), ("member", "false"), ("plan", "basic")),
            Row(("age", "40"), ("income", null), ("member", "true"), ("plan", "silver"))));

        var predicted = output["PredictedLabel"].As<bool>();
        Assert.True(predicted[0]);
        Assert.False(predicted[1]);
        Assert.True(float.IsFinite(output["Probability"].As<float>()[2]), "a missing income must still score");

        var rows = FrameRows.FromCsv(model.Csv, "approved");
        var all = model.Loaded.Predict(FrameRows.Build(model.Loaded.Signature, rows)).Find("PredictedLabel")!.As<bool>();
        var truth = CsvReader.Parse(model.Csv).Column(4).Select(v => v == "yes").ToArray();
        Assert.True(all.Zip(truth).Count(p => p.First == p.Second) > 0.85 * truth.Length);
    }

    [Fact]
    public void ABooleanLabelTrainsABinaryModelWhoseTrueMeansTrue()
    {
        var csv = new System.Text.StringBuilder("dose,\"group name\",sick\r\n");
        for (var i = 0; i < 120; i++) csv.Append(CultureInfo.InvariantCulture, $"{i % 40},\"g{i % 3}, main\",{(i % 40 >= 20 ? "True" : "False")}\r\n");
        using var model = new TrainedModel(csv.ToString(), "sick");

        var output = model.Loaded.Predict(FrameRows.Build(model.Loaded.Signature,
            Row(("dose", "35"), ("group name", "g1, main")), Row(("dose", "3"), ("group name", "g2, main"))));

        Assert.Equal("true", model.Result.PositiveClass);
        Assert.Equal(DataKind.String, model.Loaded.Signature.FindInput("group name")!.Kind);
        Assert.Equal([true, false], output["PredictedLabel"].As<bool>());
    }

    private static IReadOnlyDictionary<string, string?> CentreRow(int c)
    {
        var (sl, sw, pl, pw) = SyntheticCsv.Centre(c);
        return Row(("sepal_length", F(sl)), ("sepal_width", F(sw)), ("petal_length", F(pl)), ("petal_width", F(pw)));
    }

    private static string F(double value) => value.ToString(CultureInfo.InvariantCulture);

    private static IReadOnlyDictionary<string, string?> Row(params (string Name, string? Value)[] cells) =>
        cells.ToDictionary(c => c.Name, c => c.Value);
}
