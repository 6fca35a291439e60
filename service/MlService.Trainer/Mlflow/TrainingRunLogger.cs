using MlService.Core.Mlflow;
using MlService.Trainer.Training;

namespace MlService.Trainer.Mlflow;

/// <summary>
/// Logs a finished training to MLflow, as <c>mlflow.start_run()</c> + <c>log_params</c> + <c>log_metrics</c> +
/// <c>log_model</c> would: a run in the experiment, the training settings as params, the hold-out metrics, and the
/// model directory as the run's <c>model</c> artifact (MLmodel last). MLmodel gets MLflow's <c>run_id</c> and
/// <c>artifact_path</c> keys first, so <c>publish --registry mlflow</c> finds the run from the directory alone.
/// </summary>
public static class TrainingRunLogger
{
    public const string ArtifactPath = "model";

    public static async Task<(string RunId, string ArtifactUri)> LogAsync(MlflowSettings settings, string experiment, TrainRequest request, TrainResult result, CancellationToken ct)
    {
        using var rest = new MlflowRestClient(settings);
        var tracking = new MlflowTrackingClient(rest, new BlobStoreFactory(S3Settings.FromEnvironment()));
        var experimentId = await tracking.ExperimentIdAsync(experiment, ct);
        var (runId, artifactUri) = await tracking.CreateRunAsync(experimentId, $"train-{request.Name}", ct);
        var mlmodel = Path.Combine(result.Directory, MlModelFile.FileName);
        var original = File.ReadAllText(mlmodel);
        var succeeded = false;
        try
        {
            await tracking.LogBatchAsync(runId, Parameters(request, result), result.Metrics, ct);
            File.WriteAllText(mlmodel, $"{original}{(original.EndsWith('\n') ? "" : "\n")}run_id: {runId}\nartifact_path: {ArtifactPath}\n");
            await tracking.UploadDirectoryAsync(artifactUri, ArtifactPath, result.Directory, ct);
            succeeded = true;
        }
        finally
        {
            // A run that failed half-way leaves no run_id behind, so the next train --skip-unchanged logs it again.
            if (!succeeded) File.WriteAllText(mlmodel, original);
            await tracking.FinishRunAsync(runId, succeeded, CancellationToken.None);
        }
        return (runId, $"{artifactUri.TrimEnd('/')}/{ArtifactPath}");
    }

    /// <summary>The run a trained directory was logged as (MLmodel <c>run_id</c>), or null.</summary>
    public static string? RunIdOf(string directory) =>
        File.Exists(Path.Combine(directory, MlModelFile.FileName)) ? MlModelFile.Load(directory).RunId : null;

    private static Dictionary<string, string> Parameters(TrainRequest request, TrainResult result) => new()
    {
        ["data"] = Path.GetFileName(request.DataPath),
        ["label"] = result.Label,
        ["task"] = result.Task.Name(),
        ["name"] = request.Name,
        ["seed"] = request.Seed.ToString(CultureInfo.InvariantCulture),
        ["test_fraction"] = request.TestFraction.ToString(CultureInfo.InvariantCulture),
        ["train_rows"] = result.TrainRows.ToString(CultureInfo.InvariantCulture),
        ["test_rows"] = result.TestRows.ToString(CultureInfo.InvariantCulture),
    };
}
