namespace MlService.Api.Tests.Storage;

/// <summary>
/// Issue 3, download cache: a version whose files do not match the sha256 list in MLmodel, or lack a listed
/// file, is rejected and reported (model details, readiness data, load metric); a verified version in the
/// cache is used after a restart without asking the store.
/// </summary>
[Collection(StorageCollection.Name)]
public sealed class S3RejectionTests(TrainedModels models, S3Server shared)
{
    [Theory]
    [InlineData("heart-tampered", "checksum", "artifact 'model.zip' has sha256")]
    [InlineData("heart-incomplete", "missing", "artifact 'model.zip' listed in MLmodel is missing")]
    public async Task ABrokenVersionIsRejectedAndReported(string name, string variant, string reason)
    {
        var root = $"s3://models/{Guid.NewGuid():N}";
        await shared.Registry(root).PublishAsync(name, variant == "checksum" ? models.ChecksumMismatch : models.MissingFile);
        var settings = shared.StoreSettings(root);
        settings["MlService:Store:CacheDirectory"] = Path.Combine(models.Root, $"cache-{Guid.NewGuid():N}");
        settings["MlService:Models:0:Uri"] = $"models:/{name}/1";
        await using var service = new ServiceFactory(settings);
        using var client = service.CreateClient();

        var details = await Eventually.ReturnsAsync(async () => await (await client.GetAsync($"/models/{name}")).ReadAsync(),
            d => d["last_error"] is not null, TimeSpan.FromSeconds(60), "the load failure to be reported");
        var ready = await client.GetAsync("/health/ready");
        var readiness = await ready.ReadAsync();
        var predict = await client.PostJsonAsync("/predict", TrainedModels.HeartRow());
        // The metric is counted just after the failure is recorded on the model, so wait for it (bounded).
        var loadsFailed = await Eventually.ReturnsAsync(async () => FailedLoads(await client.GetStringAsync("/metrics"), name),
            count => count >= 1, TimeSpan.FromSeconds(10), $"mlservice_model_loads_total{{model=\"{name}\",outcome=\"failed\"}} to count the failure");

        Assert.Equal("failed", (string?)details["status"]);
        Assert.Null(details["version"]);
        Assert.Equal("1", (string?)details["last_error"]!["version"]);
        Assert.Contains($"{root}/{name}/1 was rejected: {reason}", (string?)details["last_error"]!["message"]);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Contains(reason, (string?)readiness["entries"]!["models"]!["data"]![name]!["error"]);
        Assert.Contains(reason, (string?)readiness["entries"]!["models"]!["description"]);
        Assert.Equal("Healthy", (string?)readiness["entries"]!["store"]!["status"]);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, predict.StatusCode);
        Assert.InRange(loadsFailed, 1, 1000);
    }

    [Fact]
    public async Task AVerifiedVersionInTheCacheLoadsAfterARestartWhileTheStoreIsDown()
    {
        await using var s3 = await S3Server.StartNewAsync();
        var root = $"s3://models/{Guid.NewGuid():N}";
        await s3.Registry(root).PublishAsync("heart", models.Good);
        var settings = s3.StoreSettings(root);
        settings["MlService:Store:CacheDirectory"] = Path.Combine(models.Root, $"cache-{Guid.NewGuid():N}");
        settings["MlService:Models:0:Uri"] = "models:/heart/1";
        await using (var first = new ServiceFactory(settings))
        {
            using var client = await first.ReadyClientAsync();
            Assert.Equal(HttpStatusCode.OK, (await client.PostJsonAsync("/predict", TrainedModels.HeartRow())).StatusCode);
        }

        await s3.StopAsync();
        await using var second = new ServiceFactory(settings);
        using var restarted = await second.ReadyClientAsync();
        var response = await restarted.PostJsonAsync("/predict", TrainedModels.HeartRow());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("1", response.Headers.GetValues("X-Model-Version").Single());
        Assert.Null((await (await restarted.GetAsync("/models/heart")).ReadAsync())["last_error"]);
    }

    private static double FailedLoads(string exposition, string model)
    {
        var prefix = $"mlservice_model_loads_total{{model=\"{model}\",outcome=\"failed\"}} ";
        var line = exposition.Split('\n').FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal));
        return line is null ? 0 : double.Parse(line[prefix.Length..], CultureInfo.InvariantCulture);
    }
}
