using static MlService.Deploy.Tests.Compose.ComposeFile;

namespace MlService.Deploy.Tests.Compose;

/// <summary>
/// The `mlflow` profile wires MLflow in: the trainer logs a run and registers it with the `production` alias, and the
/// replicas resolve models:/heart-disease@production through the tracking server when MLSERVICE_MLFLOW_TRACKING_URI
/// is set (make compose-up-mlflow). Checked statically: no MLflow image can be pulled here, so make test-stack does
/// not play this profile.
/// </summary>
public sealed class MlflowProfileTests
{
    private const string TrackingUri = "http://mlflow:5000";

    [Fact]
    public void TheTrainerLogsTheRunAndRegistersItOnlyWithTheProfile()
    {
        var train = Service("trainer-mlflow-train");
        var publish = Service("trainer-mlflow-publish");
        var trainArgs = List(train, "command").Cast<string>().ToList();
        var publishArgs = List(publish, "command").Cast<string>().ToList();

        Assert.Equal(["mlflow"], List(train, "profiles").Cast<string>());
        Assert.Equal(["mlflow"], List(publish, "profiles").Cast<string>());
        Assert.Equal(TrackingUri, Text(Map(train["environment"]), "MLFLOW_TRACKING_URI"));
        Assert.Equal(TrackingUri, Text(Map(publish["environment"]), "MLFLOW_TRACKING_URI"));
        Assert.Equal("train", trainArgs[1]);
        Assert.Equal("/data/model-mlflow", trainArgs[trainArgs.IndexOf("--out") + 1]);
        Assert.Equal("publish", publishArgs[1]);
        Assert.Equal("mlflow", publishArgs[publishArgs.IndexOf("--registry") + 1]);
        Assert.Equal("/data/model-mlflow", publishArgs[publishArgs.IndexOf("--model-dir") + 1]);
        Assert.Equal("heart-disease", publishArgs[publishArgs.IndexOf("--name") + 1]);
        Assert.Equal("production", publishArgs[publishArgs.IndexOf("--alias") + 1]);
        Assert.Equal("service_healthy", Condition("trainer-mlflow-train", "mlflow"));
        Assert.Equal("service_completed_successfully", Condition("trainer-mlflow-publish", "trainer-mlflow-train"));
    }

    [Fact]
    public void TheTrackingServerServesArtifactsOnThePortTheClientsUse()
    {
        var dockerfile = File.ReadAllText(Path.Combine(RepositoryPaths.Compose, "mlflow", "Dockerfile"));

        Assert.Contains("\"--serve-artifacts\"", dockerfile);
        Assert.Contains("\"--port\", \"5000\"", dockerfile);
        Assert.Equal("127.0.0.1:5000:5000/tcp", List(Service("mlflow"), "ports").Single());
    }

    [Fact]
    public void ReplicasResolveModelsThroughMlflowOnlyWhenAskedAndTheStoreLayoutOtherwise()
    {
        var raw = File.ReadAllText(RepositoryPaths.ComposeFile);
        var makefile = File.ReadAllText(RepositoryPaths.Combine("Makefile"));
        var service = Map(Service("mlservice")["environment"]);

        Assert.Contains("MLFLOW_TRACKING_URI: ${MLSERVICE_MLFLOW_TRACKING_URI:-}", raw);
        // .env.example leaves it empty: without the profile, models:/ is the store layout under s3://models.
        Assert.Equal("", Text(service, "MLFLOW_TRACKING_URI") ?? "");
        Assert.Equal("models:/heart-disease@production", Text(service, "MODEL_URI"));
        Assert.Equal("s3://models", Text(service, "MlService__Store__Root"));
        Assert.Contains($"MLSERVICE_MLFLOW_TRACKING_URI={TrackingUri} $(COMPOSE) -f $(COMPOSE_FILE) --profile mlflow up -d", makefile);
        Assert.Contains("MLFLOW_TRACKING_URI", KnownOptionKeys.Aliases);
    }

    private static string Condition(string service, string dependency) =>
        Text(Map(Map(Service(service)["depends_on"])[dependency]), "condition")!;
}
