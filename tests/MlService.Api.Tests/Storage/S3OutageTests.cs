namespace MlService.Api.Tests.Storage;

/// <summary>
/// Issue 3 outages (and issue 7 faults): the store down at start delays readiness, not liveness, until it comes
/// back; the store down later, or a cache that cannot be written, keeps the loaded version serving and says why.
/// </summary>
[Collection(StorageCollection.Name)]
public sealed partial class S3OutageTests(TrainedModels models, S3Server shared)
{
    [Fact]
    public async Task TheStoreDownAtStartKeepsTheServiceAliveButNotReadyUntilTheStoreIsBack()
    {
        await using var s3 = await S3Server.StartNewAsync();
        var root = $"s3://models/{Guid.NewGuid():N}";
        var registry = s3.Registry(root);
        await registry.SetAliasAsync("heart", "production", await registry.PublishAsync("heart", models.Good));
        await s3.StopAsync();
        var env = s3.StoreSettings(root).ToDictionary(s => s.Key.Replace(":", "__"), s => s.Value);
        env["MlService__Store__CacheDirectory"] = Path.Combine(models.Root, $"cache-{Guid.NewGuid():N}");
        env["MlService__Store__MaxRetryDelaySeconds"] = "1";
        env["MODEL_URI"] = "models:/heart@production";

        await using var service = await ServiceProcess.StartAsync(env);
        using var client = service.CreateClient();
        // Two logged retries prove the loader keeps trying (1 s apart at most) while the store is down.
        await Eventually.TrueAsync(() => Task.FromResult(RetryLine().Matches(service.Output).Count >= 2),
            TimeSpan.FromSeconds(60), "two retries of the first load to be logged");
        var live = await client.GetAsync("/health/live");
        var notReady = await client.GetAsync("/health/ready");
        var notReadyBody = await notReady.Content.ReadAsStringAsync();
        var predictWhileDown = await client.PostJsonAsync("/predict", TrainedModels.HeartRow());
        var attemptLines = service.Output.Split('\n').Where(l => l.Contains("Store unavailable while checking model heart", StringComparison.Ordinal)
            || l.Contains("Model heart not loaded (attempt", StringComparison.Ordinal)).ToList();

        await s3.StartAsync();
        await Eventually.TrueAsync(async () => (await client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(30), "ready once the store is back");
        var predict = await client.PostJsonAsync("/predict", TrainedModels.HeartRow());

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
        Assert.Contains($"S3 endpoint {s3.EndpointUrl}", notReadyBody);
        Assert.Contains("unreachable", notReadyBody);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, predictWhileDown.StatusCode);
        // The reason is logged once per attempt, then when the next attempt comes: reason, retry, reason, retry, ...
        for (var i = 0; i < attemptLines.Count; i++)
        {
            var isReason = i % 2 == 0;
            Assert.True(isReason == attemptLines[i].Contains($"S3 endpoint {s3.EndpointUrl}", StringComparison.Ordinal), $"line {i} (reason expected: {isReason}): {attemptLines[i]}");
            if (!isReason) Assert.Contains($"not loaded (attempt {i / 2 + 1}); retrying in 1s", attemptLines[i]);
        }
        Assert.Single(attemptLines, l => l.Contains("(attempt 2)", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, predict.StatusCode);
        Assert.Equal("1", predict.Headers.GetValues("X-Model-Version").Single());
        // The console logger writes on its own thread: wait for the line rather than racing it.
        await Eventually.TrueAsync(() => Task.FromResult(service.Output.Contains("All 1 configured models are loaded", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(10), "the all-ready log line");
        Assert.Equal(1, service.Output.Split('\n').Count(l => l.Contains("All 1 configured models are loaded", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task TheStoreDownLaterKeepsTheOldVersionServingAndReadinessDegradedUntilItIsBack()
    {
        await using var s3 = await S3Server.StartNewAsync();
        var root = $"s3://models/{Guid.NewGuid():N}";
        var registry = s3.Registry(root);
        await registry.SetAliasAsync("heart", "production", await registry.PublishAsync("heart", models.Good));
        var settings = s3.StoreSettings(root);
        settings["MlService:Store:CacheDirectory"] = Path.Combine(models.Root, $"cache-{Guid.NewGuid():N}");
        settings["MlService:Models:0:Uri"] = "models:/heart@production";
        await using var service = new ServiceFactory(settings);
        using var client = await service.ReadyClientAsync();

        // Version 2 is published and aliased, but the store goes down before the service looks.
        await registry.SetAliasAsync("heart", "production", await registry.PublishAsync("heart", models.Good));
        await s3.StopAsync();
        var reloadWhileDown = await (await client.PostAsync("/models/heart/reload", null)).ReadAsync();
        var predictWhileDown = await client.PostJsonAsync("/predict", TrainedModels.HeartRow());
        var readyWhileDown = await client.GetAsync("/health/ready");
        var readinessWhileDown = await readyWhileDown.ReadAsync();

        await s3.StartAsync();
        var reloadWhenBack = await (await client.PostAsync("/models/heart/reload", null)).ReadAsync();
        var readinessWhenBack = await (await client.GetAsync("/health/ready")).ReadAsync();
        var predictWhenBack = await client.PostJsonAsync("/predict", TrainedModels.HeartRow());

        Assert.Equal("store_unavailable", (string?)reloadWhileDown["outcome"]);
        Assert.Equal("1", (string?)reloadWhileDown["version"]);
        Assert.Contains("unreachable", (string?)reloadWhileDown["reason"]);
        Assert.Equal(HttpStatusCode.OK, predictWhileDown.StatusCode);
        Assert.Equal("1", predictWhileDown.Headers.GetValues("X-Model-Version").Single());
        Assert.Equal(HttpStatusCode.OK, readyWhileDown.StatusCode);
        Assert.Equal("Degraded", (string?)readinessWhileDown["status"]);
        Assert.Equal("Degraded", (string?)readinessWhileDown["entries"]!["store"]!["status"]);
        Assert.Contains($"S3 endpoint {s3.EndpointUrl}", (string?)readinessWhileDown["entries"]!["store"]!["description"]);
        Assert.Equal("Healthy", (string?)readinessWhileDown["entries"]!["models"]!["status"]);
        Assert.Equal("loaded", (string?)reloadWhenBack["outcome"]);
        Assert.Equal("2", (string?)reloadWhenBack["version"]);
        Assert.Equal("Healthy", (string?)readinessWhenBack["status"]);
        Assert.Equal("2", predictWhenBack.Headers.GetValues("X-Model-Version").Single());
    }

    [Fact]
    public async Task ACacheThatCannotBeWrittenIsReportedAndTheOldVersionKeepsServing()
    {
        var root = $"s3://models/{Guid.NewGuid():N}";
        var registry = shared.Registry(root);
        await registry.SetAliasAsync("heart", "production", await registry.PublishAsync("heart", models.Good));
        var holder = Path.Combine(models.Root, $"cache-holder-{Guid.NewGuid():N}");
        var cache = Path.Combine(holder, "cache");
        var settings = shared.StoreSettings(root);
        settings["MlService:Store:CacheDirectory"] = cache;
        settings["MlService:Models:0:Uri"] = "models:/heart@production";
        await using var service = new ServiceFactory(settings);
        using var client = await service.ReadyClientAsync();

        // chmod 555 does not stop root (these tests run as root here), so the cache path is made to lie under a
        // regular file instead: creating anything below it fails for every user (ENOTDIR). The loaded version
        // is in memory; only its input example file moves away with the folder.
        Directory.Move(holder, holder + ".moved");
        await File.WriteAllTextAsync(holder, "a file where the cache's parent folder was");
        await registry.SetAliasAsync("heart", "production", await registry.PublishAsync("heart", models.Good));
        var reload = await (await client.PostAsync("/models/heart/reload", null)).ReadAsync();
        var details = await (await client.GetAsync("/models/heart")).ReadAsync();
        var predict = await client.PostJsonAsync("/predict", TrainedModels.HeartRow());
        var ready = await client.GetAsync("/health/ready");

        Assert.Equal("failed", (string?)reload["outcome"]);
        Assert.Equal("1", (string?)reload["version"]);
        Assert.Equal("ready_with_failed_update", (string?)details["status"]);
        Assert.Equal("1", (string?)details["version"]);
        Assert.Equal("2", (string?)details["last_error"]!["version"]);
        Assert.Contains($"cannot write the download cache '{cache}'", (string?)details["last_error"]!["message"]);
        Assert.Equal(HttpStatusCode.OK, predict.StatusCode);
        Assert.Equal("1", predict.Headers.GetValues("X-Model-Version").Single());
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    [GeneratedRegex(@"Model heart not loaded \(attempt \d+\); retrying in [\d.]+s")]
    private static partial Regex RetryLine();
}
