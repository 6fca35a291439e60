using Grpc.Core;

namespace MlService.Api.Tests.Grpc;

/// <summary>Every RPC of inference.GRPCInferenceService through a generated Grpc.Net.Client, against what REST V2 answers.</summary>
[Collection(TrainedModelsCollection.Name)]
public sealed class GrpcInferenceTests(TrainedModels models) : IAsyncLifetime
{
    private readonly ServiceFactory _factory = new(models);
    private HttpClient _rest = null!;
    private GrpcClients _grpc = null!;

    public async Task InitializeAsync()
    {
        _rest = await _factory.ReadyClientAsync();
        _grpc = new GrpcClients(_factory);
    }

    public async Task DisposeAsync()
    {
        _grpc.Dispose();
        await _factory.DisposeAsync();
    }

    [Fact]
    public async Task ServerLiveAndServerReadyAreTrue()
    {
        Assert.True((await _grpc.Inference.ServerLiveAsync(new ServerLiveRequest())).Live);
        Assert.True((await _grpc.Inference.ServerReadyAsync(new ServerReadyRequest())).Ready);
    }

    [Fact]
    public async Task ServerMetadataNamesTheServerItsVersionAndTheRepositoryExtension()
    {
        var metadata = await _grpc.Inference.ServerMetadataAsync(new ServerMetadataRequest());

        Assert.Equal("mlservice", metadata.Name);
        Assert.Equal(ServiceInfo.Version, metadata.Version);
        Assert.Equal(["model_repository"], metadata.Extensions);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1")]
    public async Task ModelReadyIsTrueForALoadedModel(string version)
    {
        var ready = await _grpc.Inference.ModelReadyAsync(new ModelReadyRequest { Name = "heart-disease", Version = version });

        Assert.True(ready.Ready);
    }

    [Fact]
    public async Task ModelMetadataIsWhatRestV2Says()
    {
        var rest = await (await _rest.GetAsync("/v2/models/heart-disease")).ReadAsync();

        var grpc = await _grpc.Inference.ModelMetadataAsync(new ModelMetadataRequest { Name = "heart-disease" });

        Assert.Equal("heart-disease", grpc.Name);
        Assert.Equal(["1"], grpc.Versions);
        Assert.Equal((string)rest["platform"]!, grpc.Platform);
        Assert.Equal(Tensors(rest["inputs"]!), grpc.Inputs.Select(t => $"{t.Name}:{t.Datatype}:[{string.Join(",", t.Shape)}]"));
        Assert.Equal(Tensors(rest["outputs"]!), grpc.Outputs.Select(t => $"{t.Name}:{t.Datatype}:[{string.Join(",", t.Shape)}]"));
        Assert.NotEmpty(grpc.Inputs);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ModelInferAnswersWithTheRequestIdAndTheModelsOutputsInTheSameContentsKind(bool raw)
    {
        var metadata = await _grpc.Inference.ModelMetadataAsync(new ModelMetadataRequest { Name = "heart-disease" });

        var call = _grpc.Inference.ModelInferAsync(HeartTensors.Request(metadata, raw, id: "row-batch-7"));
        var response = await call;

        Assert.Equal("heart-disease", response.ModelName);
        Assert.Equal("1", response.ModelVersion);
        Assert.Equal("row-batch-7", response.Id);
        Assert.Equal(metadata.Outputs.Select(o => o.Name), response.Outputs.Select(o => o.Name));
        Assert.Equal(raw ? response.Outputs.Count : 0, response.RawOutputContents.Count);
        Assert.All(response.Outputs, o => Assert.Equal(3, o.Shape[0]));
        Assert.All(HeartTensors.Numbers(response, "Probability"), p => Assert.InRange(p, 0, 1));
        Assert.Equal("heart-disease", (await call.ResponseHeadersAsync).GetValue("x-model-name"));
    }

    [Fact]
    public async Task ModelInferWithoutAnIdAnswersWithTheRequestId()
    {
        var metadata = await _grpc.Inference.ModelMetadataAsync(new ModelMetadataRequest { Name = "heart-disease" });
        var request = HeartTensors.Request(metadata, raw: false, id: "");

        var call = _grpc.Inference.ModelInferAsync(request, new Metadata { { "x-request-id", "trace-me-1" } });

        Assert.Equal("trace-me-1", (await call).Id);
    }

    [Fact]
    public async Task RequestedOutputsComeInTheirOrderAndClassificationGivesTheTopClassesAsRestDoes()
    {
        var metadata = await _grpc.Inference.ModelMetadataAsync(new ModelMetadataRequest { Name = "heart-disease" });
        var request = HeartTensors.Request(metadata, raw: false);
        request.Outputs.Add(new ModelInferRequest.Types.InferRequestedOutputTensor { Name = "Probability" });
        var scores = new ModelInferRequest.Types.InferRequestedOutputTensor { Name = "Score" };
        scores.Parameters["classification"] = new InferParameter { Int64Param = 1 };
        request.Outputs.Add(scores);
        var restRequest = JsonNode.Parse(HeartRows.V2Request(await (await _rest.GetAsync("/v2/models/heart-disease")).ReadAsync()))!;
        restRequest["outputs"] = JsonNode.Parse("""[{"name": "Probability"}, {"name": "Score", "parameters": {"classification": 1}}]""");
        var rest = await (await _rest.PostJsonAsync("/v2/models/heart-disease/infer", restRequest.ToJsonString())).ReadAsync();

        var response = await _grpc.Inference.ModelInferAsync(request);

        Assert.Equal(["Probability", "Score"], response.Outputs.Select(o => o.Name));
        var classes = response.Outputs[1];
        Assert.Equal("BYTES", classes.Datatype);
        Assert.Equal([3L, 1L], classes.Shape);
        Assert.Equal(rest["outputs"]![1]!["data"]!.AsArray().Select(v => (string)v!), classes.Contents.BytesContents.Select(b => b.ToStringUtf8()));
    }

    [Fact]
    public async Task TheRepositoryIndexUnloadAndLoadWorkAsOnRest()
    {
        var index = await _grpc.Inference.RepositoryIndexAsync(new RepositoryIndexRequest());
        Assert.Contains(index.Models, m => m is { Name: "heart-disease", Version: "1", State: "READY" });

        await _grpc.Inference.RepositoryModelUnloadAsync(new RepositoryModelUnloadRequest { ModelName = "mixed" });

        var unloaded = (await _grpc.Inference.RepositoryIndexAsync(new RepositoryIndexRequest())).Models.Single(m => m.Name == "mixed");
        Assert.Equal(("UNAVAILABLE", "unloaded"), (unloaded.State, unloaded.Reason));
        Assert.DoesNotContain((await _grpc.Inference.RepositoryIndexAsync(new RepositoryIndexRequest { Ready = true })).Models, m => m.Name == "mixed");
        var gone = await Assert.ThrowsAsync<RpcException>(() => _grpc.Inference.ModelReadyAsync(new ModelReadyRequest { Name = "mixed" }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, gone.StatusCode);

        await _grpc.Inference.RepositoryModelLoadAsync(new RepositoryModelLoadRequest { ModelName = "mixed" });

        Assert.True((await _grpc.Inference.ModelReadyAsync(new ModelReadyRequest { Name = "mixed" })).Ready);
        Assert.Equal(HttpStatusCode.OK, (await _rest.GetAsync("/v2/models/mixed/ready")).StatusCode);
    }

    [Fact]
    public async Task GrpcPredictionsAreCountedWithProtocolGrpc()
    {
        var metadata = await _grpc.Inference.ModelMetadataAsync(new ModelMetadataRequest { Name = "heart-disease" });
        await _grpc.Inference.ModelInferAsync(HeartTensors.Request(metadata, raw: true));

        var text = await _rest.GetStringAsync("/metrics");

        Assert.Contains("mlservice_predictions_total{model=\"heart-disease\",version=\"1\",protocol=\"grpc\",outcome=\"ok\"}", text);
    }

    private static IEnumerable<string> Tensors(JsonNode tensors) =>
        tensors.AsArray().Select(t => $"{(string)t!["name"]!}:{(string)t["datatype"]!}:[{string.Join(",", t["shape"]!.AsArray().Select(d => (long)d!))}]");
}
