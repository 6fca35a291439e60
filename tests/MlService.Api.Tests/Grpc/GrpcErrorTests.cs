using Google.Protobuf;
using Grpc.Core;

namespace MlService.Api.Tests.Grpc;

/// <summary>
/// Each gRPC status code the service answers, as KServe and Triton map errors, with the message the REST V2 body carries
/// in <c>error</c>; request values are quoted only when EchoInputInErrors is on.
/// </summary>
[Collection(TrainedModelsCollection.Name)]
public sealed class GrpcErrorTests(TrainedModels models)
{
    [Fact]
    public async Task AWrongDatatypeIsInvalidArgumentWithRestV2sMessage()
    {
        await using var factory = new ServiceFactory(models);
        var rest = await factory.ReadyClientAsync();
        using var grpc = new GrpcClients(factory);
        var metadata = await grpc.Inference.ModelMetadataAsync(new ModelMetadataRequest { Name = "heart-disease" });
        var numeric = metadata.Inputs.First(i => i.Datatype != "BYTES").Name;
        var request = HeartTensors.Request(metadata, raw: false);
        var tensor = request.Inputs.Single(i => i.Name == numeric);
        tensor.Datatype = "BYTES";
        tensor.Contents = new InferTensorContents { BytesContents = { ByteString.CopyFromUtf8("1"), ByteString.CopyFromUtf8("2"), ByteString.CopyFromUtf8("3") } };
        var json = JsonNode.Parse(HeartRows.V2Request(await (await rest.GetAsync("/v2/models/heart-disease")).ReadAsync()))!;
        var jsonTensor = json["inputs"]!.AsArray().Single(i => (string)i!["name"]! == numeric)!;
        jsonTensor["datatype"] = "BYTES";
        jsonTensor["data"] = new JsonArray("1", "2", "3");
        var restError = (string)(await (await rest.PostJsonAsync("/v2/models/heart-disease/infer", json.ToJsonString())).ReadAsync())["error"]!;

        var error = await Assert.ThrowsAsync<RpcException>(() => grpc.Inference.ModelInferAsync(request).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(restError, error.Status.Detail);
        Assert.Contains(numeric, error.Status.Detail);
    }

    [Theory]
    [InlineData("missing")]
    [InlineData("raw length")]
    [InlineData("raw and typed")]
    [InlineData("no model name")]
    [InlineData("INT8 overflow")]
    public async Task MalformedTensorsAreInvalidArgumentNamingTheTensor(string problem)
    {
        await using var factory = new ServiceFactory(models);
        await factory.ReadyClientAsync();
        using var grpc = new GrpcClients(factory);
        var metadata = await grpc.Inference.ModelMetadataAsync(new ModelMetadataRequest { Name = "heart-disease" });
        var request = HeartTensors.Request(metadata, raw: problem.StartsWith("raw", StringComparison.Ordinal));
        var first = request.Inputs[0].Name;
        string expected;
        switch (problem)
        {
            case "missing": request.Inputs.RemoveAt(0); expected = $"{first}: is a required input and is missing"; break;
            case "raw length": request.RawInputContents[0] = ByteString.CopyFrom(1, 2, 3); expected = $"{first}: raw_input_contents[0] has 3 bytes"; break;
            case "raw and typed": request.Inputs[1].Contents = new InferTensorContents(); expected = "'inputs[1].contents' must not be set when raw_input_contents is used"; break;
            case "no model name": request.ModelName = ""; expected = "'model_name' is required"; break;
            default:
                request.Inputs[0].Datatype = "INT8";
                request.Inputs[0].Contents = new InferTensorContents { IntContents = { 1, 2, 300 } };
                expected = $"{first}: has values that do not fit INT8";
                break;
        }

        var error = await Assert.ThrowsAsync<RpcException>(() => grpc.Inference.ModelInferAsync(request).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains(expected, error.Status.Detail);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AnUnknownDatatypeIsQuotedOnlyWhenEchoInputInErrorsIsOn(bool echo)
    {
        await using var factory = new ServiceFactory(models, new Dictionary<string, string?> { ["MlService:Inference:EchoInputInErrors"] = echo ? "true" : "false" });
        await factory.ReadyClientAsync();
        using var grpc = new GrpcClients(factory);
        var metadata = await grpc.Inference.ModelMetadataAsync(new ModelMetadataRequest { Name = "heart-disease" });
        var request = HeartTensors.Request(metadata, raw: false);
        request.Inputs[0].Datatype = "SECRET-4711";

        var error = await Assert.ThrowsAsync<RpcException>(() => grpc.Inference.ModelInferAsync(request).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("has unknown datatype", error.Status.Detail);
        Assert.Equal(echo, error.Status.Detail.Contains("SECRET-4711"));
    }

    [Fact]
    public async Task AnUnknownModelIsNotFoundWithRestV2sMessage()
    {
        await using var factory = new ServiceFactory(models);
        var rest = await factory.ReadyClientAsync();
        using var grpc = new GrpcClients(factory);
        var restError = (string)(await (await rest.GetAsync("/v2/models/nope")).ReadAsync())["error"]!;

        var infer = await Assert.ThrowsAsync<RpcException>(() => grpc.Inference.ModelInferAsync(new ModelInferRequest { ModelName = "nope" }).ResponseAsync);
        var metadata = await Assert.ThrowsAsync<RpcException>(() => grpc.Inference.ModelMetadataAsync(new ModelMetadataRequest { Name = "nope" }).ResponseAsync);

        Assert.Equal((StatusCode.NotFound, restError), (infer.StatusCode, infer.Status.Detail));
        Assert.Equal((StatusCode.NotFound, restError), (metadata.StatusCode, metadata.Status.Detail));
    }

    [Fact]
    public async Task AModelThatIsNotLoadedIsUnavailableWithRetryAfterAndNotReady()
    {
        await using var factory = new ServiceFactory(models, new Dictionary<string, string?> { ["MlService:Models:1:Uri"] = "models:/ghost/latest" });
        using var grpc = new GrpcClients(factory);
        await Eventually.TrueAsync(async () => (await grpc.Inference.ModelReadyAsync(new ModelReadyRequest { Name = "heart-disease" })).Ready,
            TimeSpan.FromSeconds(60), "heart-disease loaded");

        var error = await Assert.ThrowsAsync<RpcException>(() => grpc.Inference.ModelInferAsync(new ModelInferRequest { ModelName = "ghost" }).ResponseAsync);

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Contains("ghost", error.Status.Detail);
        Assert.NotNull(error.Trailers.GetValue("retry-after"));
        Assert.False((await grpc.Inference.ModelReadyAsync(new ModelReadyRequest { Name = "ghost" })).Ready);
        Assert.False((await grpc.Inference.ServerReadyAsync(new ServerReadyRequest())).Ready);
    }

    [Fact]
    public async Task MoreRowsThanAllowedIsResourceExhaustedWithRestsMessage()
    {
        await using var factory = new ServiceFactory(models, new Dictionary<string, string?> { ["MlService:Inference:MaxRowsPerRequest"] = "2" });
        await factory.ReadyClientAsync();
        using var grpc = new GrpcClients(factory);
        var metadata = await grpc.Inference.ModelMetadataAsync(new ModelMetadataRequest { Name = "heart-disease" });

        var error = await Assert.ThrowsAsync<RpcException>(() => grpc.Inference.ModelInferAsync(HeartTensors.Request(metadata, raw: true)).ResponseAsync);

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Equal("the request has 3 rows; at most 2 are allowed per request", error.Status.Detail);
    }

    [Fact]
    public async Task RunningAndQueueFullIsResourceExhaustedWhileProbesStillAnswer()
    {
        await using var factory = new ServiceFactory(models, new Dictionary<string, string?>
        {
            ["MlService:Limits:MaxConcurrentRequests"] = "1",
            ["MlService:Limits:QueueLimit"] = "0",
        });
        await factory.ReadyClientAsync();
        using var grpc = new GrpcClients(factory);
        var limiter = factory.Services.GetRequiredService<ConcurrencyLimiter>();
        Assert.True(limiter.TryAdmit());
        await limiter.EnterAsync(CancellationToken.None); // this test holds the only slot
        try
        {
            var error = await Assert.ThrowsAsync<RpcException>(() => grpc.Inference.ModelMetadataAsync(new ModelMetadataRequest { Name = "heart-disease" }).ResponseAsync);

            Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
            Assert.Contains("too many requests are being processed", error.Status.Detail);
            Assert.Equal("1", error.Trailers.GetValue("retry-after"));
            Assert.True((await grpc.Inference.ServerReadyAsync(new ServerReadyRequest())).Ready);
        }
        finally
        {
            limiter.ExitSlot();
            limiter.Leave();
        }
        Assert.Equal("heart-disease", (await grpc.Inference.ModelMetadataAsync(new ModelMetadataRequest { Name = "heart-disease" })).Name);
    }

    [Fact]
    public async Task ACallQueuedPastTheRequestTimeoutIsDeadlineExceeded()
    {
        await using var factory = new ServiceFactory(models, new Dictionary<string, string?>
        {
            ["MlService:Limits:MaxConcurrentRequests"] = "1",
            ["MlService:Limits:QueueLimit"] = "4",
            ["MlService:Limits:RequestTimeoutSeconds"] = "1",
        });
        await factory.ReadyClientAsync();
        using var grpc = new GrpcClients(factory);
        var limiter = factory.Services.GetRequiredService<ConcurrencyLimiter>();
        Assert.True(limiter.TryAdmit());
        await limiter.EnterAsync(CancellationToken.None);
        try
        {
            var error = await Assert.ThrowsAsync<RpcException>(() => grpc.Inference.ModelMetadataAsync(new ModelMetadataRequest { Name = "heart-disease" }).ResponseAsync);

            Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
            Assert.Equal("the request took longer than MlService:Limits:RequestTimeoutSeconds and was cancelled", error.Status.Detail);
        }
        finally
        {
            limiter.ExitSlot();
            limiter.Leave();
        }
    }

    [Fact]
    public async Task ClassificationAskedForTheWholeRequestIsUnimplementedAsOnRest()
    {
        await using var factory = new ServiceFactory(models);
        await factory.ReadyClientAsync();
        using var grpc = new GrpcClients(factory);
        var metadata = await grpc.Inference.ModelMetadataAsync(new ModelMetadataRequest { Name = "heart-disease" });
        var request = HeartTensors.Request(metadata, raw: false);
        request.Parameters["classification"] = new InferParameter { Int64Param = 2 };

        var error = await Assert.ThrowsAsync<RpcException>(() => grpc.Inference.ModelInferAsync(request).ResponseAsync);

        Assert.Equal(StatusCode.Unimplemented, error.StatusCode);
        Assert.Contains("classification is asked per output", error.Status.Detail);
    }
}
