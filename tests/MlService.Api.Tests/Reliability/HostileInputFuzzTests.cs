using System.Text.Json;

namespace MlService.Api.Tests.Reliability;

/// <summary>
/// 10,000 generated bad requests (seeded: a failure names the request index, and the same seed regenerates it)
/// through every prediction route of every protocol, with auth on: no 5xx, every answer a documented status with a problem+json
/// body, no key or request data echoed, managed memory bounded, and the server still ready afterwards.
/// </summary>
[Collection(TrainedModelsCollection.Name)]
public sealed class HostileInputFuzzTests(TrainedModels models, ITestOutputHelper output)
{
    private const int Seed = 20261126;
    private const int MaxBodyBytes = 65_536;
    private const string WrongKey = "fuzz-wrong-secret-key-0123456789";

    /// <summary>Statuses the native API documents for a bad request (200 only when a mutation happens to stay valid).</summary>
    private static readonly HashSet<int> Documented = [200, 400, 401, 404, 405, 413, 415, 422];

    /// <summary>Managed heap growth allowed over the run (after a forced full collection before and after).</summary>
    private const long MemoryBoundBytes = 64L * 1024 * 1024;

    private static readonly IReadOnlyList<HostileRequests.Route> Routes =
    [
        new("/predict", "application/json", [TrainedModels.HeartRow(), $"[{TrainedModels.HeartRow()}, {TrainedModels.HeartRow(age: 40)}]"]),
        new("/models/heart-disease/predict", "application/json", [TrainedModels.HeartRow(sex: 0)]),
        new("/models/mixed/predict", "application/json",
            ["""{"colour": "red", "organic": true, "weight": 10, "ratio": 0.5}""", """[{"colour": "blue", "organic": false, "weight": 3, "ratio": 0.25}]"""]),
        // The other protocols (404 until their routes are served, then fuzzed like the native one).
        new("/invocations", "application/json", ProtocolBodies.MlflowJson()),
        new("/invocations", "text/csv", ProtocolBodies.MlflowCsv()),
        new("/v1/models/heart-disease:predict", "application/json", ProtocolBodies.KServeV1()),
        new("/v2/models/heart-disease/infer", "application/json", ProtocolBodies.OpenInferenceV2()),
    ];

    private static Dictionary<string, string?> Settings(bool echo)
    {
        var settings = ApiKeyTests.AuthOn();
        settings["MlService:Inference:MaxBodyBytes"] = MaxBodyBytes.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["MlService:Inference:MaxRowsPerRequest"] = "100";
        settings["MlService:Inference:EchoInputInErrors"] = echo ? "true" : "false";
        return settings;
    }

    [Fact]
    public async Task TenThousandHostileRequestsGetDocumentedErrorsAndLeaveTheServerReady()
    {
        await using var factory = new ServiceFactory(models, Settings(echo: false));
        var client = await factory.ReadyClientAsync();
        var generator = new HostileRequests(Routes, ApiKeyTests.UserKey, WrongKey, MaxBodyBytes);
        var statuses = new ConcurrentDictionary<int, int>();
        var problems = new ConcurrentQueue<string>();
        var memoryBefore = GC.GetTotalMemory(forceFullCollection: true);

        await Parallel.ForAsync(0, 10_000, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, ct) =>
        {
            var request = generator.Generate(Seed, i);
            using var message = request.ToMessage();
            using var response = await client.SendAsync(message, ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            statuses.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
            foreach (var problem in Check(request, response, body, echoAllowed: false)) problems.Enqueue($"{problem}: {request}");
        });

        var memoryAfter = GC.GetTotalMemory(forceFullCollection: true);
        output.WriteLine($"statuses: {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}x{s.Value}"))}; " +
                         $"managed heap {memoryBefore / 1_048_576.0:F1} -> {memoryAfter / 1_048_576.0:F1} MiB");
        Assert.True(problems.IsEmpty, $"{problems.Count} bad answers; first: {string.Join("\n", problems.Take(5))}");
        Assert.Equal(10_000, statuses.Values.Sum());
        Assert.True(statuses.GetValueOrDefault(200) < 1_000, "the generator must make mostly bad requests");
        Assert.True(memoryAfter - memoryBefore < MemoryBoundBytes, $"managed heap grew by {(memoryAfter - memoryBefore) / 1_048_576.0:F1} MiB");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        client.DefaultRequestHeaders.Add("X-API-Key", ApiKeyTests.UserKey);
        Assert.Equal(HttpStatusCode.OK, (await client.PostJsonAsync("/predict", TrainedModels.HeartRow())).StatusCode);
    }

    [Fact]
    public async Task RequestDataAppearsInErrorsOnlyWhenEchoInputInErrorsIsOn()
    {
        await using var factory = new ServiceFactory(models, Settings(echo: true));
        var client = await factory.ReadyClientAsync();
        var generator = new HostileRequests(Routes, ApiKeyTests.UserKey, WrongKey, MaxBodyBytes);
        var echoed = 0;

        for (var i = 0; i < 300; i++)
        {
            var request = generator.Generate(Seed, i);
            using var message = request.ToMessage();
            using var response = await client.SendAsync(message);
            var body = await response.Content.ReadAsStringAsync();
            Assert.Empty(Check(request, response, body, echoAllowed: true));
            if (body.Contains(HostileRequests.Canary, StringComparison.Ordinal)) echoed++;
        }

        Assert.True(echoed > 0, "with EchoInputInErrors on, some 422 quotes the offending value");
    }

    /// <summary>What is wrong with one answer (nothing, for a documented error).</summary>
    private static IEnumerable<string> Check(HostileRequest request, HttpResponseMessage response, string body, bool echoAllowed)
    {
        var status = (int)response.StatusCode;
        if (!Documented.Contains(status)) yield return $"undocumented status {status} ({body[..Math.Min(body.Length, 300)]})";
        if (body.Contains(ApiKeyTests.UserKey, StringComparison.Ordinal) || body.Contains(WrongKey, StringComparison.Ordinal)) yield return "an API key is echoed";
        if (body.Contains("   at ", StringComparison.Ordinal)) yield return "a stack trace is in the body";
        if (!echoAllowed && body.Contains(HostileRequests.Canary, StringComparison.Ordinal)) yield return $"request data is echoed ({body[..Math.Min(body.Length, 400)]})";
        if (status == 200) yield break;
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json") yield return $"{status} is not problem+json";
        int? reported = null;
        try
        {
            using var json = JsonDocument.Parse(body);
            reported = json.RootElement.GetProperty("status").GetInt32();
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
        }
        if (reported != status) yield return $"{status} body does not carry its status";
        if (status == 401 && request.ApiKey != WrongKey) yield return "a valid key was refused";
    }
}
