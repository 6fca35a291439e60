namespace MlService.Api.Tests.Infrastructure;

/// <summary>
/// Reload under load, whatever registry holds the alias: four clients predict back to back against a service on
/// version 1 while the alias moves to version 2 and then to a version 3 that cannot load. No request may fail,
/// version 3 is never served and every client goes 1 -> 2 once; the model reports the refused version 3.
/// </summary>
public static class AliasMoveUnderLoad
{
    private const int Clients = 4;
    private const int RequestsAfterTheFailure = 25;

    private sealed record Answer(int Client, HttpStatusCode? Status, string? Version, string? Error);

    /// <summary>Waits for the service to be ready on version 1, runs the load through both moves and asserts what the clients and the model report.</summary>
    public static async Task RunAsync(HttpClient client, Func<Task> moveToVersionTwo, Func<Task> moveToBrokenVersionThree)
    {
        await Eventually.TrueAsync(async () => (await client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(60), "ready on version 1");

        var answers = new ConcurrentQueue<Answer>();
        var versionThreeRefused = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var load = Enumerable.Range(0, Clients).Select(id => Task.Run(() => PredictUntilDoneAsync(id, client, answers, versionThreeRefused.Task, deadline.Token))).ToArray();

        await Eventually.TrueAsync(() => Task.FromResult(EachClient(answers, a => a.Version == "1", atLeast: 5)), TimeSpan.FromSeconds(30), "every client to be served by version 1");
        await moveToVersionTwo();
        await Eventually.TrueAsync(() => Task.FromResult(EachClient(answers, a => a.Version == "2", atLeast: 5)), TimeSpan.FromSeconds(30), "every client to be served by version 2");
        await moveToBrokenVersionThree();
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

    /// <summary>One client: predicts back to back until a fixed number of requests after version 3 was refused (or the deadline).</summary>
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
