using System.Collections.Concurrent;
using MlService.Api.Tests.Storage;

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
    private const int Clients = 4;
    private const int RequestsAfterTheFailure = 25;

    private sealed record Answer(int Client, HttpStatusCode? Status, string? Version, string? Error);

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
        await Eventually.TrueAsync(async () => (await client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(60), "ready on version 1");

        var answers = new ConcurrentQueue<Answer>();
        var versionThreeRefused = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var load = Enumerable.Range(0, Clients).Select(id => Task.Run(() => PredictUntilDoneAsync(id, client, answers, versionThreeRefused.Task, deadline.Token))).ToArray();

        await Eventually.TrueAsync(() => Task.FromResult(EachClient(answers, a => a.Version == "1", atLeast: 5)), TimeSpan.FromSeconds(30), "every client to be served by version 1");
        mlflow.MoveAlias("heart", "production", second.Version);
        await Eventually.TrueAsync(() => Task.FromResult(EachClient(answers, a => a.Version == "2", atLeast: 5)), TimeSpan.FromSeconds(30), "every client to be served by version 2");
        await MlflowPublishing.LogAndRegisterAsync(mlflow, "heart", models.LoadsNothing, alias: "production");
        var details = await Eventually.ReturnsAsync(async () => await (await client.GetAsync("/models/heart")).ReadAsync(),
            d => (string?)d["last_error"]?["version"] == "3", TimeSpan.FromSeconds(30), "version 3 to be refused");
        versionThreeRefused.SetResult();
        await Task.WhenAll(load).WaitAsync(TimeSpan.FromSeconds(60));

        var all = answers.ToArray();
        Assert.False(deadline.IsCancellationRequested, "the clients hit the overall time limit");
        Assert.Empty(all.Where(a => a.Status != HttpStatusCode.OK).Select(a => $"client {a.Client}: {a.Status?.ToString() ?? a.Error}"));
        Assert.DoesNotContain(all, a => a.Version == "3");
        foreach (var id in Enumerable.Range(0, Clients))
        {
            var versions = all.Where(a => a.Client == id).Select(a => a.Version).ToList();
            var switchAt = versions.IndexOf("2");
            Assert.True(switchAt > 0 && versions[..switchAt].All(v => v == "1") && versions[switchAt..].All(v => v == "2"),
                $"client {id} did not go 1 -> 2 once: {string.Join(",", versions)}");
        }
        Assert.Equal("ready_with_failed_update", (string?)details["status"]);
        Assert.Equal("2", (string?)details["version"]);
        Assert.Contains("model.zip", (string?)details["last_error"]!["message"]);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
    }

    private static async Task PredictUntilDoneAsync(int id, HttpClient client, ConcurrentQueue<Answer> answers, Task versionThreeRefused, CancellationToken deadline)
    {
        var afterRefusal = 0;
        while (afterRefusal < RequestsAfterTheFailure && !deadline.IsCancellationRequested)
        {
            if (versionThreeRefused.IsCompleted) afterRefusal++;
            try
            {
                using var response = await client.PostJsonAsync("/predict", TrainedModels.HeartRow(age: 40 + id));
                var version = response.Headers.TryGetValues("X-Model-Version", out var values) ? values.Single() : null;
                answers.Enqueue(new Answer(id, response.StatusCode, version, null));
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                answers.Enqueue(new Answer(id, null, null, $"{e.GetType().Name}: {e.Message}"));
            }
        }
    }

    private static bool EachClient(IEnumerable<Answer> answers, Func<Answer, bool> match, int atLeast)
    {
        var counts = answers.Where(match).GroupBy(a => a.Client).ToDictionary(g => g.Key, g => g.Count());
        return Enumerable.Range(0, Clients).All(id => counts.GetValueOrDefault(id) >= atLeast);
    }
}
