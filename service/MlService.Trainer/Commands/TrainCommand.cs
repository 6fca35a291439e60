using MlService.Core.Mlflow;
using MlService.Trainer.Mlflow;
using MlService.Trainer.Training;

namespace MlService.Trainer.Commands;

/// <summary><c>train</c>: fits an ML.NET pipeline on a CSV and writes an MLflow-style model directory.</summary>
public static class TrainCommand
{
    public static Command Create(CliOutput output)
    {
        var data = new Option<string>("--data") { Description = "CSV file with a header row", Required = true };
        var label = new Option<string>("--label") { Description = "Column to predict", Required = true };
        var task = new Option<string?>("--task") { Description = "binary, multiclass or regression (default: inferred from the label)" };
        task.AcceptOnlyFromAmong("binary", "multiclass", "regression");
        var name = new Option<string>("--name") { Description = "Model name recorded in MLmodel metadata", DefaultValueFactory = _ => "heart-disease" };
        var outDir = new Option<string>("--out") { Description = "Model directory to create (must be new or empty)", Required = true };
        var seed = new Option<int>("--seed") { Description = "Seed of the split and the trainer", DefaultValueFactory = _ => 42 };
        var testFraction = new Option<double>("--test-fraction") { Description = "Share of rows held out for metrics", DefaultValueFactory = _ => 0.2 };
        var skipUnchanged = new Option<bool>("--skip-unchanged")
        {
            Description = "Re-runnable: keep the model in --out when it was trained from the same data (sha256) and settings, " +
                "replace it when they changed (the new model is written beside it, then moved in place)",
        };
        var experiment = new Option<string?>("--experiment")
        {
            Description = "With MLFLOW_TRACKING_URI: the MLflow experiment the run is logged to (default: MLFLOW_EXPERIMENT_NAME, else --name)",
        };
        var command = new Command("train",
            "Train an ML.NET model on any CSV: column types are inferred (long, double, boolean, string; empty, ?, NA = missing), " +
            "a binary label's larger value (1, true, or the later string) is the positive class, and the directory gets " +
            "model.zip, input_example.json and MLmodel (written last). With MLFLOW_TRACKING_URI set, the training is also logged " +
            "as an MLflow run: params, hold-out metrics, and the directory as the run's 'model' artifact (through the artifacts proxy or S3).")
        {
            data, label, task, name, outDir, seed, testFraction, skipUnchanged, experiment,
        };
        CommandAction.Set(command, output, async (parse, ct) =>
        {
            var taskName = parse.GetValue(task);
            var request = new TrainRequest(parse.GetRequiredValue(data), parse.GetRequiredValue(label), parse.GetRequiredValue(outDir))
            {
                Task = taskName is null ? null : TrainTasks.Parse(taskName),
                Name = parse.GetValue(name) ?? "heart-disease",
                Seed = parse.GetValue(seed),
                TestFraction = parse.GetValue(testFraction),
                ReplaceModel = parse.GetValue(skipUnchanged),
            };
            var mlflow = MlflowSettings.FromEnvironment();
            // With MLflow, a model that was never logged (no run_id in MLmodel) is not up to date: train and log it.
            var logged = !mlflow.IsConfigured || TrainingRunLogger.RunIdOf(request.OutputDirectory) is not null;
            if (request.ReplaceModel && logged && TrainingFingerprint.Read(request.OutputDirectory) == TrainingFingerprint.Compute(request))
            {
                await output.Out.WriteLineAsync($"model in {Path.GetFullPath(request.OutputDirectory)} is up to date (same data and settings): nothing to train");
                return 0;
            }
            var result = ModelTrainer.Train(request);
            await Report(output.Out, result);
            if (mlflow.IsConfigured)
            {
                var fromEnv = Environment.GetEnvironmentVariable("MLFLOW_EXPERIMENT_NAME");
                var experimentName = parse.GetValue(experiment) ?? (string.IsNullOrWhiteSpace(fromEnv) ? request.Name : fromEnv.Trim());
                var (runId, modelUri) = await TrainingRunLogger.LogAsync(mlflow, experimentName, request, result, ct);
                await output.Out.WriteLineAsync($"mlflow run {runId} logged to experiment '{experimentName}' at {mlflow.TrackingUri}; model artifact: {modelUri}");
            }
            return 0;
        });
        return command;
    }

    private static async Task Report(TextWriter writer, TrainResult result)
    {
        var detail = result.Task switch
        {
            TrainTask.Binary => $" (positive class: {result.PositiveClass})",
            TrainTask.Multiclass => $" (classes: {string.Join(", ", result.Classes!)})",
            _ => "",
        };
        await writer.WriteLineAsync($"task: {result.Task.Name()}, label: {result.Label}{detail}");
        await writer.WriteLineAsync($"rows: {result.TrainRows} train, {result.TestRows} test; inputs: " +
            string.Join(", ", result.Inputs.Select(c => $"{c.Name}:{c.Type.ToString().ToLowerInvariant()}")));
        if (result.Metrics.Count == 0) await writer.WriteLineAsync("metrics: none (the hold-out set cannot be scored)");
        foreach (var (metric, value) in result.Metrics.OrderBy(m => m.Key, StringComparer.Ordinal))
            await writer.WriteLineAsync($"{metric}: {value.ToString("0.####", CultureInfo.InvariantCulture)}");
        await writer.WriteLineAsync($"model written to {result.Directory}");
    }
}
