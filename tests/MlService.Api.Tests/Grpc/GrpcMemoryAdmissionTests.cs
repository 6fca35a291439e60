using Grpc.Core;
using Grpc.Health.V1;
using MlService.Api.Tests.Reliability;

namespace MlService.Api.Tests.Grpc;

/// <summary>
/// Memory admission on gRPC, with the budget REST uses (a fake v2 cgroup of 40 MiB, 10 % of it for requests in
/// flight): a call that does not fit is RESOURCE_EXHAUSTED with the detail REST's 503 or 413 carries, and counted in
/// <c>mlservice_shed_requests_total{reason}</c> like a REST request.
/// </summary>
[Collection(TrainedModelsCollection.Name)]
public sealed class GrpcMemoryAdmissionTests(TrainedModels models)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private const string Cgroup = "sys/fs/cgroup";

    private static Dictionary<string, string?> Settings(FakeCgroupTree tree, int overheadBytes = 1024 * 1024, int bytesPerBodyByte = 1) => new()
    {
        ["MLSERVICE_CGROUP_ROOT"] = tree.Root,
        ["MlService:MemoryAdmission:InFlightPercent"] = "10",
        ["MlService:MemoryAdmission:RequestOverheadBytes"] = overheadBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["MlService:MemoryAdmission:BytesPerBodyByte"] = bytesPerBodyByte.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["MlService:MemoryAdmission:MinimumLimitBytes"] = "0",
    };

    private static FakeCgroupTree Tree() => FakeCgroupTree.V2()
        .Write($"{Cgroup}/memory.max", $"{40 * 1024 * 1024}\n")
        .Write($"{Cgroup}/memory.current", $"{10 * 1024 * 1024}\n");

    [Fact]
    public async Task BeyondTheMemoryBudgetACallIsResourceExhaustedWithRetryAfterUntilTheHeldOnesEnd()
    {
        using var tree = Tree();
        var faults = new ModelFaults();
        await using var factory = FaultyService.Create(models, faults, Settings(tree));
        var rest = await factory.ReadyClientAsync();
        using var grpc = new GrpcClients(factory);
        var request = HeartTensors.Request(await grpc.Inference.ModelMetadataAsync(new ModelMetadataRequest { Name = "heart-disease" }), raw: true);
        var shedBefore = await PrometheusText.SampleAsync(rest, "mlservice_shed_requests_total{reason=\"memory_budget\"}");
        var warmUpCalls = faults.Calls;
        faults.Block();

        var held = Enumerable.Range(0, 3).Select(_ => grpc.Inference.ModelInferAsync(request).ResponseAsync).ToList();
        await Eventually.TrueAsync(() => Task.FromResult(faults.Calls == warmUpCalls + 3), Bound, "three calls inside the model");

        var error = await Assert.ThrowsAsync<RpcException>(() => grpc.Inference.ModelInferAsync(request).ResponseAsync.WaitAsync(Bound));
        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Contains("memory budget", error.Status.Detail);
        Assert.Equal("1", error.Trailers.GetValue("retry-after"));
        Assert.Equal(1, await PrometheusText.SampleAsync(rest, "mlservice_shed_requests_total{reason=\"memory_budget\"}") - shedBefore);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, (await grpc.Health.CheckAsync(new HealthCheckRequest())).Status);

        faults.Release();
        foreach (var call in held) Assert.NotEmpty((await call.WaitAsync(Bound)).Outputs);
        Assert.NotEmpty((await grpc.Inference.ModelInferAsync(request)).Outputs);
    }

    [Fact]
    public async Task ACallLargerThanTheWholeBudgetIsResourceExhaustedWithRestsTooLargeDetail()
    {
        using var tree = Tree();
        // 4 MiB budget, 4 MiB - 4 KiB charged per call plus 64 bytes per message byte: the metadata call (15 bytes) fits,
        // a typed record (hundreds of bytes) does not.
        await using var factory = new ServiceFactory(models, Settings(tree, overheadBytes: 4 * 1024 * 1024 - 4096, bytesPerBodyByte: 64));
        await factory.ReadyClientAsync();
        using var grpc = new GrpcClients(factory);
        var request = HeartTensors.Request(await grpc.Inference.ModelMetadataAsync(new ModelMetadataRequest { Name = "heart-disease" }), raw: false);
        Assert.True(request.CalculateSize() * 64 > 4096, $"the record is {request.CalculateSize()} bytes");

        var error = await Assert.ThrowsAsync<RpcException>(() => grpc.Inference.ModelInferAsync(request).ResponseAsync);

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Contains("send smaller batches", error.Status.Detail);
        Assert.Null(error.Trailers.GetValue("retry-after"));
    }
}
