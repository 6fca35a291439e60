using Microsoft.ML;
using Microsoft.ML.Data;
using MlService.Trainer.Data;

namespace MlService.Trainer.Training;

/// <summary>
/// Trains an ML.NET model from any CSV with a header and writes an MLflow-style model directory
/// (<c>model.zip</c> with its input schema, <c>input_example.json</c>, then <c>MLmodel</c>). The model is fit
/// on the training share of a seeded split; the metrics are measured on the held-out share.
/// </summary>
public static class ModelTrainer
{
    public static TrainResult Train(TrainRequest request)
    {
        if (request.TestFraction is <= 0 or >= 1)
            throw new ArgumentException($"test fraction must be between 0 and 1 (exclusive), got {request.TestFraction}");
        PrepareOutput(request.OutputDirectory);

        var table = CsvReader.ReadFile(request.DataPath);
        using var data = TrainingData.Prepare(table, request.Label, request.Task);
        var ml = new MLContext(seed: request.Seed);
        var all = data.Load(ml);
        var split = ml.Data.TrainTestSplit(all, request.TestFraction, seed: request.Seed);
        var trainRows = Count(split.TrainSet);
        var testRows = Count(split.TestSet);
        if (trainRows == 0) throw new ArgumentException("the split left no training rows; lower --test-fraction or add rows");

        var pipeline = PipelineBuilder.Build(ml, data.Inputs, data.Label, data.Task);
        ITransformer model = pipeline.Fit(split.TrainSet);
        var metrics = testRows == 0
            ? new Dictionary<string, double>(StringComparer.Ordinal)
            : ModelEvaluator.Evaluate(ml, model.Transform(split.TestSet), data.Label, data.Task);
        IReadOnlyList<string>? classes = null;
        if (data.Task == TrainTask.Multiclass)
        {
            var scored = model.Transform(split.TrainSet);
            classes = ScoreSlotNames(scored.Schema);
            model = new TransformerChain<ITransformer>(model, PipelineBuilder.DecodeLabels(ml).Fit(scored));
        }

        var directory = Path.GetFullPath(request.OutputDirectory);
        Directory.CreateDirectory(directory);
        ml.Model.Save(model, all.Schema, Path.Combine(directory, ModelDirectoryWriter.ModelFile));
        ModelDirectoryWriter.WriteInputExample(directory, data);
        ModelDirectoryWriter.WriteMlModel(directory, data, request.Name, metrics);
        return new TrainResult(directory, data.Task, data.Label, data.Inputs, metrics, trainRows, testRows)
        {
            PositiveClass = data.PositiveClass,
            Classes = classes,
        };
    }

    /// <summary>Refuses to write into a directory that already holds files, so a model is never half-replaced.</summary>
    private static void PrepareOutput(string directory)
    {
        if (File.Exists(directory)) throw new IOException($"output '{directory}' is a file, not a directory");
        if (Directory.Exists(directory) && Directory.EnumerateFileSystemEntries(directory).Any())
            throw new IOException($"output directory '{directory}' is not empty; choose a new one");
    }

    /// <summary>The class of each Score slot, in the order the model scores them.</summary>
    private static string[] ScoreSlotNames(DataViewSchema schema)
    {
        var names = default(VBuffer<ReadOnlyMemory<char>>);
        schema["Score"].GetSlotNames(ref names);
        return names.DenseValues().Select(n => n.ToString()).ToArray();
    }

    private static int Count(IDataView view)
    {
        using var cursor = view.GetRowCursor([]);
        var rows = 0;
        while (cursor.MoveNext()) rows++;
        return rows;
    }
}
