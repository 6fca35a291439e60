using MlService.Core.Signatures;

namespace MlService.Trainer.Tests.Training;

public sealed class ModelTrainerTests
{
    [Fact]
    public void HeartDiseaseDataTrainsABinaryModelWithAucAbove08()
    {
        using var temp = new TempDirectory();
        var data = temp.Combine("heart.csv");
        HeartDiseaseDataGenerator.Write(data);

        var result = ModelTrainer.Train(new TrainRequest(data, "target", temp.Combine("model")));

        Assert.Equal(TrainTask.Binary, result.Task);
        Assert.Equal("1", result.PositiveClass);
        Assert.Equal(303, result.TrainRows + result.TestRows);
        Assert.InRange(result.TestRows, 40, 80);
        Assert.True(result.Metrics["auc"] > 0.8, $"auc {result.Metrics["auc"]}");
        Assert.True(result.Metrics["accuracy"] > 0.7, $"accuracy {result.Metrics["accuracy"]}");
        Assert.InRange(result.Metrics["f1"], 0.5, 1);
        Assert.Equal(13, result.Inputs.Count);
        Assert.Equal(ColumnType.Double, result.Inputs.Single(c => c.Name == "oldpeak").Type);
        Assert.All(result.Inputs.Where(c => c.Name != "oldpeak"), c => Assert.Equal(ColumnType.Long, c.Type));
    }

    [Fact]
    public void TheMlModelFileRoundTripsSignatureExampleMetricsAndChecksums()
    {
        using var temp = new TempDirectory();
        var data = temp.Combine("heart.csv");
        HeartDiseaseDataGenerator.Write(data, 120, 9);
        var result = ModelTrainer.Train(new TrainRequest(data, "target", temp.Combine("model")) { Name = "cardio" });

        var directory = ModelDirectory.Open(result.Directory);
        var mlmodel = directory.MlModel;

        Assert.Equal(["MLmodel", "input_example.json", "model.zip"], Directory.GetFiles(result.Directory).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal("model.zip", mlmodel.FlavorData("mlnet"));
        Assert.Equal("5.0.1", mlmodel.Flavors["mlnet"]["mlnet_version"]);
        Assert.Equal("binary", mlmodel.MlService.Task);
        Assert.Equal("target", mlmodel.MlService.Label);
        Assert.Equal(result.Metrics["auc"], mlmodel.MlService.Metrics["auc"]);
        Assert.Equal(["input_example.json", "model.zip"], mlmodel.MlService.Files.Keys.Order(StringComparer.Ordinal));
        var metadata = Assert.IsType<Dictionary<object, object?>>(mlmodel.Raw["metadata"]);
        Assert.Equal("cardio", metadata["name"]);

        var inputs = mlmodel.Signature.Inputs;
        Assert.Equal(HeartDiseaseDataGenerator.Columns[..^1], inputs.Select(i => i.Name));
        Assert.Equal(DataKind.Int64, inputs[0].Kind);
        Assert.Equal(DataKind.Float64, mlmodel.Signature.FindInput("oldpeak")!.Kind);
        Assert.All(inputs, i => Assert.True(i.Required));
        Assert.Equal(
            [("PredictedLabel", DataKind.Boolean), ("Score", DataKind.Float32), ("Probability", DataKind.Float32)],
            mlmodel.Signature.Outputs.Select(o => (o.Name, o.Kind)));

        var example = InputExample.Load(directory)!;
        Assert.Equal(3, example.Count);
        var first = CsvReader.Parse(File.ReadAllText(data)).Rows[0];
        Assert.Equal(long.Parse(first[0]!), example[0]!["age"]!.GetValue<long>());
        Assert.False(example[0]!.AsObject().ContainsKey("target"));
        Assert.Equal(System.Text.Json.JsonValueKind.Number, example[0]!["age"]!.GetValueKind());
        Assert.DoesNotContain(".", example[0]!["age"]!.ToJsonString());

        directory.VerifyChecksums();
        File.AppendAllText(directory.Resolve("input_example.json"), " ");
        var error = Assert.Throws<MlService.Core.Errors.ModelLoadException>(directory.VerifyChecksums);
        Assert.Contains("input_example.json", error.Message);
    }

    [Fact]
    public void TrainingRefusesToWriteIntoADirectoryThatHoldsFiles()
    {
        using var temp = new TempDirectory();
        var data = temp.Combine("heart.csv");
        HeartDiseaseDataGenerator.Write(data, 60);
        Directory.CreateDirectory(temp.Combine("model"));
        File.WriteAllText(temp.Combine("model", "keep.txt"), "mine");

        var error = Assert.Throws<IOException>(() => ModelTrainer.Train(new TrainRequest(data, "target", temp.Combine("model"))));

        Assert.Contains("not empty", error.Message);
        Assert.Equal("mine", File.ReadAllText(temp.Combine("model", "keep.txt")));
    }

    [Theory]
    [InlineData("nope", null, "label column 'nope' is not in the CSV header")]
    [InlineData("species", TrainTask.Binary, "exactly 2 distinct values")]
    [InlineData("species", TrainTask.Regression, "numeric label")]
    public void BadRequestsFailWithAMessageNamingTheProblem(string label, TrainTask? task, string message)
    {
        using var temp = new TempDirectory();
        var data = temp.WriteFile("iris.csv", SyntheticCsv.Iris(10));

        var error = Assert.Throws<ArgumentException>(() =>
            ModelTrainer.Train(new TrainRequest(data, label, temp.Combine("model")) { Task = task }));

        Assert.Contains(message, error.Message);
        Assert.False(File.Exists(temp.Combine("model", "MLmodel")));
    }

    [Fact]
    public void AColumnWithMissingCellsIsDeclaredOptional()
    {
        using var model = new TrainedModel(SyntheticCsv.Mixed(), "approved");

        var income = model.Directory.MlModel.Signature.FindInput("income")!;
        Assert.False(income.Required);
        Assert.Equal(DataKind.Float64, income.Kind);
        Assert.True(model.Directory.MlModel.Signature.FindInput("age")!.Required);
    }

    [Fact]
    public void UciClevelandShapedDataWithFloatCellsAndQuestionMarksTrainsAndServesItsExample()
    {
        using var temp = new TempDirectory();
        var data = temp.WriteFile("processed.cleveland.csv", UciStyle(HeartDiseaseDataGenerator.Generate(303, 42)));

        var result = ModelTrainer.Train(new TrainRequest(data, "target", temp.Combine("model")));
        var directory = ModelDirectory.Open(result.Directory);
        using var loaded = new MlService.Core.Runtimes.MlNet.MlNetModelRuntime().Load(directory);
        var example = InputExample.Load(directory)!;
        var rows = example.Select(r => (IReadOnlyDictionary<string, string?>)r!.AsObject()
            .ToDictionary(p => p.Key, p => p.Value?.ToString())).ToArray();
        var output = loaded.Predict(FrameRows.Build(loaded.Signature, rows));

        Assert.True(result.Metrics["auc"] > 0.8, $"auc {result.Metrics["auc"]}");
        Assert.All(result.Inputs, c => Assert.Equal(ColumnType.Double, c.Type));
        var ca = directory.MlModel.Signature.FindInput("ca")!;
        Assert.False(ca.Required);
        Assert.True(directory.MlModel.Signature.FindInput("age")!.Required);
        Assert.Null(example[1]!["ca"]);
        Assert.Equal(3, output["Probability"].As<float>().Length);
        Assert.All(output["Probability"].As<float>(), p => Assert.InRange(p, 0f, 1f));
    }

    /// <summary>The UCI file's spelling: every number with ".0", and "?" for a few missing ca/thal cells.</summary>
    private static string UciStyle(string csv)
    {
        var lines = csv.TrimEnd('\n').Split('\n');
        var table = new System.Text.StringBuilder(lines[0]).Append("\r\n");
        for (var i = 1; i < lines.Length; i++)
        {
            var cells = lines[i].Split(',');
            for (var c = 0; c < cells.Length - 1; c++) if (!cells[c].Contains('.')) cells[c] += ".0";
            if (i is 2 or 60 or 170 or 250) cells[11] = "?";
            if (i is 90 or 200) cells[12] = "?";
            table.Append(string.Join(',', cells)).Append("\r\n");
        }
        return table.ToString();
    }
}
