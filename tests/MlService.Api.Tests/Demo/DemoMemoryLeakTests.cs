using MlService.Api.Inference;

namespace MlService.Api.Tests.Demo;

/// <summary>The OOM demo's switch: every successful prediction keeps N MiB of resident native memory.</summary>
[Collection(TrainedModelsCollection.Name)]
public sealed partial class DemoMemoryLeakTests(TrainedModels models)
{
    private const long MiB = 1024 * 1024;

    [Fact]
    public async Task EverySuccessfulPredictionOfEveryProtocolLeaksTheConfiguredMiB()
    {
        await using var factory = new ServiceFactory(models, new Dictionary<string, string?> { ["MlService:Demo:LeakMiBPerPrediction"] = "3" });
        var client = await factory.ReadyClientAsync();
        var leak = factory.Services.GetRequiredService<DemoMemoryLeak>();

        Assert.Equal(HttpStatusCode.OK, (await client.PostJsonAsync("/predict", TrainedModels.HeartRow())).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostJsonAsync("/invocations", HeartRows.DataframeSplit())).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostJsonAsync("/v1/models/heart-disease:predict", HeartRows.InstancesAsObjects())).StatusCode);
        var metadata = await (await client.GetAsync("/v2/models/heart-disease")).ReadAsync();
        Assert.Equal(HttpStatusCode.OK, (await client.PostJsonAsync("/v2/models/heart-disease/infer", HeartRows.V2Request(metadata))).StatusCode);
        // A refused request predicts nothing and leaks nothing.
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await client.PostJsonAsync("/predict", "{}")).StatusCode);

        Assert.True(leak.Enabled);
        Assert.Equal(4 * 3 * MiB, leak.RetainedBytes);
    }

    [Fact]
    public async Task TheLeakIsOffByDefault()
    {
        await using var factory = new ServiceFactory(models);
        var client = await factory.ReadyClientAsync();

        Assert.Equal(HttpStatusCode.OK, (await client.PostJsonAsync("/predict", TrainedModels.HeartRow())).StatusCode);

        var leak = factory.Services.GetRequiredService<DemoMemoryLeak>();
        Assert.False(leak.Enabled);
        Assert.Equal(0, leak.RetainedBytes);
    }

    [Fact]
    public async Task TheLeakedMemoryIsResidentInTheRealProcess()
    {
        await using var service = await ServiceProcess.StartAsync(Env(("MlService__Demo__LeakMiBPerPrediction", "16")));
        using var client = await service.ReadyClientAsync();
        Assert.Equal(HttpStatusCode.OK, (await client.PostJsonAsync("/predict", TrainedModels.HeartRow())).StatusCode);
        var before = ResidentBytes(service.Process.Id);

        for (var i = 0; i < 4; i++) Assert.Equal(HttpStatusCode.OK, (await client.PostJsonAsync("/predict", TrainedModels.HeartRow())).StatusCode);

        // 64 MiB written; allow the managed heap to give back a little meanwhile.
        var grown = ResidentBytes(service.Process.Id) - before;
        Assert.True(grown >= 56 * MiB, $"resident memory grew by {grown / MiB} MiB");
        Assert.Contains("LeakMiBPerPrediction", service.Output);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("1025")]
    public async Task AnOutOfRangeLeakStopsTheProcessWithOneLine(string value)
    {
        var (exitCode, output) = await ServiceProcess.RunToExitAsync(Env(("MlService__Demo__LeakMiBPerPrediction", value)));

        Assert.Equal(2, exitCode);
        var line = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith("mlservice: invalid configuration:", line);
        Assert.Contains("LeakMiBPerPrediction", line);
    }

    private Dictionary<string, string?> Env(params (string Key, string? Value)[] extra) => models.HeartDiseaseProcess(ServiceEnvironment.UniqueCacheFolder(), extra);

    private static long ResidentBytes(int pid) =>
        long.Parse(VmRss().Match(File.ReadAllText($"/proc/{pid}/status")).Groups[1].Value) * 1024;

    [GeneratedRegex(@"VmRSS:\s+(\d+) kB")]
    private static partial Regex VmRss();
}
