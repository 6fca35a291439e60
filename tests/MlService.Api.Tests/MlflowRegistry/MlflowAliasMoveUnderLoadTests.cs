namespace MlService.Api.Tests.MlflowRegistry;

/// <summary>
/// An MLflow alias moved under load, exactly like the store registry's: four clients predict without pause against a
/// real service process (configured by MLflow's own env names) while <c>production</c> moves from version 1 to 2
/// (seen by the 1 s poll) and then to a version 3 that cannot load. No request fails, every client goes 1 -> 2 once,
/// version 3 is never served and the model reports why it was refused.
/// </summary>
[Collection(MlflowRegistryCollection.Name)]
public sealed class MlflowAliasMoveUnderLoadTests(TrainedModels models)
{
    [Fact]
    public async Task AMovedAliasIsSwappedInWithoutAFailedRequestAndABrokenVersionIsNeverServed()
    {
        await using var mlflow = await MlflowStandIn.StartAsync();
        await MlflowPublishing.LogAndRegisterAsync(mlflow, "heart", models.Good, alias: "production");
        var second = await MlflowPublishing.LogAndRegisterAsync(mlflow, "heart", models.Good);
        var env = new Dictionary<string, string?>
        {
            ["MLFLOW_TRACKING_URI"] = mlflow.TrackingUri,
            ["MODEL_URI"] = "models:/heart@production",
            ["MlService__Store__PollIntervalSeconds"] = "1",
            ["MlService__Store__CacheDirectory"] = Path.Combine(models.Root, $"cache-{Guid.NewGuid():N}"),
        };
        await using var service = await ServiceProcess.StartAsync(env);
        using var client = service.CreateClient();
        await AliasMoveUnderLoad.RunAsync(client,
            () => { mlflow.MoveAlias("heart", "production", second.Version); return Task.CompletedTask; },
            () => MlflowPublishing.LogAndRegisterAsync(mlflow, "heart", models.LoadsNothing, alias: "production"));
    }
}
