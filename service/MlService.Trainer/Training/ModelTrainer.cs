using Microsoft.ML;
using Microsoft.ML.Data;

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
        var directory = Path.GetFullPath(request.OutputDirectory);
        PrepareOutput(directory, request.ReplaceModel);
        var fingerprint = TrainingFingerprint.Compute(request);

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

        var staging = request.ReplaceModel ? StagingDirectory(directory) : directory;
        Directory.CreateDirectory(staging);
        ml.Model.Save(model, all.Schema, Path.Combine(staging, ModelDirectoryWriter.ModelFile));
        ModelDirectoryWriter.WriteInputExample(staging, data);
        ModelDirectoryWriter.WriteMlModel(staging, data, request.Name, metrics, fingerprint);
        if (staging != directory)
        {
            // A crash between these two lines leaves no model at the output, never half of one: the next run trains again.
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
            Directory.Move(staging, directory);
        }
        return new TrainResult(directory, data.Task, data.Label, data.Inputs, metrics, trainRows, testRows)
        {
            PositiveClass = data.PositiveClass,
            Classes = classes,
        };
    }

    /// <summary>
    /// Refuses to write into a directory that already holds files, so a model is never half-replaced; with
    /// <see cref="TrainRequest.ReplaceModel"/> a model directory (one with MLmodel) may be replaced, nothing else.
    /// </summary>
    private static void PrepareOutput(string directory, bool replaceModel)
    {
        if (File.Exists(directory)) throw new IOException($"output '{directory}' is a file, not a directory");
        if (!Directory.Exists(directory) || !Directory.EnumerateFileSystemEntries(directory).Any()) return;
        if (replaceModel && File.Exists(Path.Combine(directory, MlService.Core.Models.MlModelFile.FileName))) return;
        throw new IOException(replaceModel
            ? $"output directory '{directory}' is not empty and holds no MLmodel, so it is not a model to replace; choose a new one"
            : $"output directory '{directory}' is not empty; choose a new one");
    }

    /// <summary>The new model is written beside the old one (same file system, so the final move is a rename).</summary>
    private static string StagingDirectory(string directory)
    {
        var staging = directory.TrimEnd(Path.DirectorySeparatorChar) + ".training";
        if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);     // left by a run that crashed
        return staging;
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
