namespace MlService.Api.Tests.Reliability;

/// <summary>
/// Memory admission through HTTP, made exact rather than timed: a fake v2 cgroup of 40 MiB, 10 % of it (4 MiB) for
/// requests in flight, 1 MiB charged per request, and a model that holds every call until the test releases it.
/// </summary>
[Collection(TrainedModelsCollection.Name)]
public sealed class MemoryAdmissionServiceTests(TrainedModels models)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private const string Cgroup = "sys/fs/cgroup";

    private static Dictionary<string, string?> Settings(FakeCgroupTree tree) => new()
    {
        ["MLSERVICE_CGROUP_ROOT"] = tree.Root,
        ["MlService:MemoryAdmission:InFlightPercent"] = "10",
        ["MlService:MemoryAdmission:RequestOverheadBytes"] = "1048576",
        ["MlService:MemoryAdmission:BytesPerBodyByte"] = "1",
        // A 40 MiB fake limit is below the start-up floor; the floor has its own test.
        ["MlService:MemoryAdmission:MinimumLimitBytes"] = "0",
    };

    private static FakeCgroupTree Tree() => FakeCgroupTree.V2()
        .Write($"{Cgroup}/memory.max", $"{40 * 1024 * 1024}\n")
        .Write($"{Cgroup}/memory.current", $"{10 * 1024 * 1024}\n");

    [Fact]
    public async Task BeyondTheMemoryBudgetARequestIsShedWith503RetryAfterAndReasonUntilTheHeldOnesEnd()
    {
        using var tree = Tree();
        var faults = new ModelFaults();
        await using var factory = FaultyService.Create(models, faults, Settings(tree));
        var client = await factory.ReadyClientAsync();
        var admission = factory.Services.GetRequiredService<MemoryAdmission>();
        var shedBefore = await PrometheusText.SampleAsync(client, "mlservice_shed_requests_total{reason=\"memory_budget\"}");
        var warmUpCalls = faults.Calls;
        faults.Block();

        var held = Enumerable.Range(0, 3).Select(_ => client.PostJsonAsync("/predict", TrainedModels.HeartRow())).ToList();
        await Eventually.TrueAsync(() => Task.FromResult(faults.Calls == warmUpCalls + 3), Bound, "three requests inside the model");
        Assert.True(await PrometheusText.SampleAsync(client, "mlservice_admission_memory_reserved_bytes") >= 3 * 1048576);

        using (var shed = await client.PostJsonAsync("/predict", TrainedModels.HeartRow()).WaitAsync(Bound))
        {
            var body = await shed.ReadAsync();
            Assert.Equal(HttpStatusCode.ServiceUnavailable, shed.StatusCode);
            Assert.Equal("1", shed.Headers.RetryAfter?.ToString());
            Assert.Equal("application/problem+json", shed.Content.Headers.ContentType?.MediaType);
            Assert.Equal("Server overloaded", (string?)body["title"]);
            Assert.Equal("memory_budget", (string?)body["reason"]);
            Assert.Contains("memory budget", (string?)body["detail"]);
        }
        Assert.Equal(1, await PrometheusText.SampleAsync(client, "mlservice_shed_requests_total{reason=\"memory_budget\"}") - shedBefore);
        using (var probe = await client.GetAsync("/health/ready")) Assert.Equal(HttpStatusCode.OK, probe.StatusCode);

        faults.Release();
        foreach (var request in held)
        {
            using var response = await request.WaitAsync(Bound);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        await Eventually.TrueAsync(() => Task.FromResult(admission.InFlight == 0), Bound, "every reservation released");
        Assert.Equal(0, admission.ReservedBytes);
        using var after = await client.PostJsonAsync("/predict", TrainedModels.HeartRow());
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task NearTheMemoryLimitNewRequestsAreShedWhileOneRunsAndAdmittedOnceTheWorkingSetFalls()
    {
        using var tree = Tree();
        var faults = new ModelFaults();
        await using var factory = FaultyService.Create(models, faults, Settings(tree));
        var client = await factory.ReadyClientAsync();
        var warmUpCalls = faults.Calls;
        faults.Block();
        var held = client.PostJsonAsync("/predict", TrainedModels.HeartRow());
        await Eventually.TrueAsync(() => Task.FromResult(faults.Calls == warmUpCalls + 1), Bound, "one request inside the model");

        tree.Write($"{Cgroup}/memory.current", $"{38 * 1024 * 1024}\n");
        await Eventually.TrueAsync(async () =>
        {
            using var response = await client.PostJsonAsync("/predict", TrainedModels.HeartRow());
            return response.StatusCode == HttpStatusCode.ServiceUnavailable && (string?)(await response.ReadAsync())["reason"] == "memory_high_water";
        }, Bound, "shed at the high-water mark");

        tree.Write($"{Cgroup}/memory.current", $"{10 * 1024 * 1024}\n");
        faults.Release();
        Assert.Equal(HttpStatusCode.OK, (await held.WaitAsync(Bound)).StatusCode);
        await Eventually.TrueAsync(async () =>
        {
            using var response = await client.PostJsonAsync("/predict", TrainedModels.HeartRow());
            return response.StatusCode == HttpStatusCode.OK;
        }, Bound, "admitted again below the mark");
    }

    [Fact]
    public async Task UnderAMemoryLimitBelowTheFloorTheProcessExitsWithOneLineNamingTheLimitAndTheKey()
    {
        using var tree = FakeCgroupTree.V2().Write($"{Cgroup}/memory.max", $"{48 * 1024 * 1024}\n");

        var (exitCode, output) = await ServiceProcess.RunToExitAsync(new Dictionary<string, string?>
        {
            ["MLSERVICE_CGROUP_ROOT"] = tree.Root,
            // The process stops before loading: the model path need not exist.
            ["MODEL_URI"] = Path.Combine(Path.GetTempPath(), "mlservice-no-model"),
            ["MlService__Store__CacheDirectory"] = Path.Combine(Path.GetTempPath(), "mlservice-floor-tests-cache"),
        });

        var line = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Equal(2, exitCode);
        Assert.StartsWith("mlservice: ", line);
        Assert.Contains("MlService:MemoryAdmission:MinimumLimitBytes", line);
        Assert.Contains("memory limit is 48 MiB, below the 80 MiB", line);
        Assert.DoesNotContain("   at ", output);
    }

    [Fact]
    public async Task ABodyLargerThanTheWholeBudgetIs413NamingTheBudgetAndNoRetryAfter()
    {
        using var tree = Tree();
        await using var factory = new ServiceFactory(models, Settings(tree));
        var client = await factory.ReadyClientAsync();
        var rows = string.Join(",", Enumerable.Repeat(TrainedModels.HeartRow(), 30_000));

        using var response = await client.PostJsonAsync("/predict", $"[{rows}]");
        var body = await response.ReadAsync();

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Null(response.Headers.RetryAfter);
        Assert.Equal("too_large", (string?)body["reason"]);
        Assert.Contains("MlService:MemoryAdmission", (string?)body["detail"]);
    }
}
