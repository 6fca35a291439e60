using MlService.Trainer.Data;

namespace MlService.Api.Tests.MlflowRegistry;

/// <summary>
/// From the trainer to a served prediction through MLflow (the stand-in, with a bearer token): <c>train</c> logs a
/// run with params, hold-out metrics and the model artifact; <c>publish --registry mlflow</c> registers version 1 and
/// sets <c>production</c>; a service process started with MLflow's env names serves <c>models:/heart-disease@production</c>.
/// </summary>
[Collection(MlflowRegistryCollection.Name)]
public sealed class MlflowTrainerEndToEndTests(TrainedModels models)
{
    private const string Token = "trainer-token-0123456789";

    [Fact]
    public async Task TrainLogsARunPublishRegistersItAndTheServiceServesTheAlias()
    {
        await using var mlflow = await MlflowStandIn.StartAsync(token: Token);
        var work = Directory.CreateTempSubdirectory("mlservice-mlflow-e2e-").FullName;
        try
        {
            var csv = Path.Combine(work, "heart.csv");
            HeartDiseaseDataGenerator.Write(csv, rows: 303, seed: 42);
            var modelDir = Path.Combine(work, "heart-disease");
            var env = new Dictionary<string, string?> { ["MLFLOW_TRACKING_URI"] = mlflow.TrackingUri, ["MLFLOW_TRACKING_TOKEN"] = Token };

            var train = await TrainerProcess.RunAsync(env, "train", "--data", csv, "--label", "target", "--name", "heart-disease", "--out", modelDir);
            var publish = await TrainerProcess.RunAsync(env, "publish", "--registry", "mlflow", "--name", "heart-disease", "--model-dir", modelDir, "--alias", "production");
            var again = await TrainerProcess.RunAsync(env, "publish", "--registry", "mlflow", "--name", "heart-disease", "--model-dir", modelDir, "--alias", "production", "--skip-unchanged");
            var retrain = await TrainerProcess.RunAsync(env, "train", "--data", csv, "--label", "target", "--name", "heart-disease", "--out", modelDir, "--skip-unchanged");
            var noToken = await TrainerProcess.RunAsync(new Dictionary<string, string?> { ["MLFLOW_TRACKING_URI"] = mlflow.TrackingUri },
                "publish", "--registry", "mlflow", "--name", "heart-disease", "--model-dir", modelDir);

            Assert.True(train.ExitCode == 0, train.Output);
            Assert.Contains("mlflow run ", train.Output);
            Assert.True(publish.ExitCode == 0, publish.Output);
            Assert.Contains("registered heart-disease version 1 in MLflow", publish.Output);
            Assert.Contains("alias production -> 1", publish.Output);
            Assert.True(again.ExitCode == 0, again.Output);
            Assert.Contains("already is run", again.Output);
            // Logged already (run_id in MLmodel) and the same data and settings: nothing trained, nothing logged again.
            Assert.True(retrain.ExitCode == 0, retrain.Output);
            Assert.Contains("is up to date", retrain.Output);
            Assert.DoesNotContain("mlflow run ", retrain.Output);
            Assert.Equal(1, noToken.ExitCode);
            Assert.Contains("401", noToken.Output);
            Assert.DoesNotContain("   at ", noToken.Output);

            var model = mlflow.State.Model("heart-disease")!;
            var version = Assert.Single(model.Versions);
            var run = mlflow.State.Run((string)version["run_id"]!)!;
            Assert.Equal("FINISHED", (string?)run["info"]!["status"]);
            Assert.Equal("heart-disease", (string?)mlflow.State.ExperimentById((string)run["info"]!["experiment_id"]!)!["name"]);
            Assert.Contains(run["data"]!["params"]!.AsArray(), p => (string?)p!["key"] == "label" && (string?)p["value"] == "target");
            Assert.NotEmpty(run["data"]!["metrics"]!.AsArray());
            Assert.StartsWith("mlflow-artifacts:/", (string?)version["source"]);
            Assert.Contains(mlflow.State.Artifacts.Keys, k => k.EndsWith("/artifacts/model/MLmodel", StringComparison.Ordinal));

            var serviceEnv = new Dictionary<string, string?>(env)
            {
                ["MODEL_URI"] = "models:/heart-disease@production",
                ["MlService__Store__CacheDirectory"] = Path.Combine(models.Root, $"cache-{Guid.NewGuid():N}"),
            };
            await using var service = await ServiceProcess.StartAsync(serviceEnv);
            using var client = service.CreateClient();
            await Eventually.TrueAsync(async () => (await client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK,
                TimeSpan.FromSeconds(60), "the service to be ready on the registered version");
            var predict = await client.PostJsonAsync("/models/heart-disease/predict", TrainedModels.HeartRow());

            Assert.Equal(HttpStatusCode.OK, predict.StatusCode);
            Assert.Equal("1", predict.Headers.GetValues("X-Model-Version").Single());
        }
        finally
        {
            try { Directory.Delete(work, recursive: true); } catch (IOException) { }
        }
    }
}
