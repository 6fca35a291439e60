namespace MlService.Api.Tests.Storage;

/// <summary>
/// Issue 3, serving from S3: the trainer publishes, lists and aliases on an <c>s3://</c> root; the service
/// serves <c>models:/name@alias</c> from that root (configured by our keys, and by MLflow's environment names
/// in a real process), and an MLflow run's artifact directory by its <c>s3://</c> URI.
/// </summary>
[Collection(StorageCollection.Name)]
public sealed class S3ServingTests(TrainedModels models, S3Server shared)
{
    private S3Server S3 => shared;

    [Fact]
    public async Task TheTrainerPublishesAndAliasesOnS3AndTheServiceServesTheAlias()
    {
        var root = $"s3://models/{Guid.NewGuid():N}";
        var env = S3.MlflowEnvironment();

        var first = await TrainerProcess.RunAsync(env, "publish", "--store", root, "--name", "heart", "--model-dir", models.Good);
        var second = await TrainerProcess.RunAsync(env, "publish", "--store", root, "--name", "heart", "--model-dir", models.Good);
        var alias = await TrainerProcess.RunAsync(env, "alias", "set", "--store", root, "--name", "heart", "--alias", "production", "--version", "2");
        var list = await TrainerProcess.RunAsync(env, "list", "--store", root);

        Assert.True(first.ExitCode == 0, first.Output);
        Assert.Contains($"published heart version 1 to {root}", first.Output);
        Assert.Contains("published heart version 2", second.Output);
        Assert.True(alias.ExitCode == 0, alias.Output);
        Assert.True(list.ExitCode == 0, list.Output);
        Assert.Matches(@"version 1  created \S+Z  aliases: -  task: binary  metrics: .*auc=", list.Output);
        Assert.Matches(@"version 2  created \S+Z  aliases: production  task: binary", list.Output);

        var settings = S3.StoreSettings(root);
        settings["MlService:Store:CacheDirectory"] = Path.Combine(models.Root, $"cache-{Guid.NewGuid():N}");
        settings["MlService:Models:0:Uri"] = "models:/heart@production";
        await using var service = new ServiceFactory(settings);
        using var client = await service.ReadyClientAsync();

        var response = await client.PostJsonAsync("/models/heart/predict", TrainedModels.HeartRow());
        var details = await (await client.GetAsync("/models/heart")).ReadAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("2", response.Headers.GetValues("X-Model-Version").Single());
        Assert.IsType<bool>((await response.ReadAsync())["prediction"]!["PredictedLabel"]!.GetValue<bool>());
        Assert.Equal("ready", (string?)details["status"]);
        Assert.Equal("models:/heart@production", (string?)details["uri"]);
        Assert.NotEmpty(details["input_example"]!.AsArray());
    }

    [Fact]
    public async Task ARealProcessReadsTheS3SettingsFromMlflowEnvironmentNames()
    {
        var root = $"s3://models/{Guid.NewGuid():N}";
        var registry = S3.Registry(root);
        await registry.SetAliasAsync("heart", "champion", await registry.PublishAsync("heart", models.Good));
        var env = S3.MlflowEnvironment();
        env["MlService__Store__Root"] = root;
        env["MlService__Store__CacheDirectory"] = Path.Combine(models.Root, $"cache-{Guid.NewGuid():N}");
        env["MODEL_URI"] = "models:/heart@champion";

        await using var service = await ServiceProcess.StartAsync(env);
        using var client = service.CreateClient();
        await Eventually.TrueAsync(async () => (await client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(60), "ready from S3");
        var response = await client.PostJsonAsync("/predict", TrainedModels.HeartRow());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("heart", response.Headers.GetValues("X-Model-Name").Single());
        Assert.Equal("1", response.Headers.GetValues("X-Model-Version").Single());
    }

    [Fact]
    public async Task AnMlflowRunArtifactDirectoryIsServedByItsS3Uri()
    {
        var run = Guid.NewGuid().ToString("N");
        var artifacts = S3.Blobs($"s3://mlflow/1/{run}/artifacts/model");
        foreach (var file in Directory.EnumerateFiles(models.Good))
        {
            await using var content = File.OpenRead(file);
            await artifacts.WriteAsync(Path.GetFileName(file), content);
        }
        var settings = S3.StoreSettings(root: null);
        settings["MlService:Store:CacheDirectory"] = Path.Combine(models.Root, $"cache-{Guid.NewGuid():N}");
        settings["MlService:Models:0:Name"] = "run-model";
        settings["MlService:Models:0:Uri"] = $"s3://mlflow/1/{run}/artifacts/model";

        await using var service = new ServiceFactory(settings);
        using var client = await service.ReadyClientAsync();
        var response = await client.PostJsonAsync("/models/run-model/predict", TrainedModels.HeartRow());
        var details = await (await client.GetAsync("/models/run-model")).ReadAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"s3://mlflow/1/{run}/artifacts/model", (string?)details["uri"]);
        Assert.Equal("mlnet", (string?)details["flavor"]);
        Assert.InRange(details["metrics"]!["auc"]!.GetValue<double>(), 0.5, 1.0);
    }
}
