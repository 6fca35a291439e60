namespace MlService.Api.Tests.Storage;

/// <summary>
/// Issue 3, reload under load: four clients predict without pause against a real service process while the
/// alias moves from version 1 to 2 (seen by the 1 s poll) and then to a broken version 3. No request may fail;
/// every client moves from 1 to 2 once and stays on 2; the service reports why version 3 was refused.
/// </summary>
[Collection(StorageCollection.Name)]
public sealed class HotReloadUnderLoadTests(TrainedModels models, S3Server shared)
{
    [Fact]
    public async Task ClientsSwitchToVersionTwoWithoutAFailedRequestAndStayThereWhenVersionThreeFails()
    {
        var root = $"s3://models/{Guid.NewGuid():N}";
        var registry = shared.Registry(root);
        await registry.SetAliasAsync("heart", "production", await registry.PublishAsync("heart", models.Good));
        var second = await registry.PublishAsync("heart", models.Good);
        var env = shared.StoreSettings(root).ToDictionary(s => s.Key.Replace(":", "__"), s => s.Value);
        env["MlService__Store__CacheDirectory"] = Path.Combine(models.Root, $"cache-{Guid.NewGuid():N}");
        env["MlService__Store__PollIntervalSeconds"] = "1";
        env["MODEL_URI"] = "models:/heart@production";
        await using var service = await ServiceProcess.StartAsync(env);
        using var client = service.CreateClient();
        await AliasMoveUnderLoad.RunAsync(client,
            () => registry.SetAliasAsync("heart", "production", second),
            async () => await registry.SetAliasAsync("heart", "production", await registry.PublishAsync("heart", models.LoadsNothing)));
        await Eventually.TrueAsync(() => Task.FromResult(service.Output.Contains("Model heart version 3 failed to load", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(10), "the version 3 failure to be logged");

        // Rolling the alias back to the serving version clears the report about version 3.
        await registry.SetAliasAsync("heart", "production", second);
        var rolledBack = await Eventually.ReturnsAsync(async () => await (await client.GetAsync("/models/heart")).ReadAsync(),
            d => d["last_error"] is null, TimeSpan.FromSeconds(30), "the version 3 failure to be cleared after the rollback");
        Assert.Equal("ready", (string?)rolledBack["status"]);
        Assert.Equal("2", (string?)rolledBack["version"]);
    }
}
