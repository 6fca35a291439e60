using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Reflection.V1Alpha;
using MlService.Api.Tests.Reliability;
using static Grpc.Health.V1.HealthCheckResponse.Types;

namespace MlService.Api.Tests.Grpc;

/// <summary>grpc.health.v1 on the probes' readiness, server reflection, and the REST key ring on gRPC metadata.</summary>
[Collection(TrainedModelsCollection.Name)]
public sealed class GrpcHealthReflectionAndKeysTests(TrainedModels models)
{
    [Theory]
    [InlineData("")]
    [InlineData("inference.GRPCInferenceService")]
    [InlineData("liveness")]
    [InlineData("readiness")]
    [InlineData("startup")]
    public async Task HealthIsServingWhenTheServiceIsReady(string service)
    {
        await using var factory = new ServiceFactory(models);
        await factory.ReadyClientAsync();
        using var grpc = new GrpcClients(factory);

        var health = await grpc.Health.CheckAsync(new HealthCheckRequest { Service = service });

        Assert.Equal(ServingStatus.Serving, health.Status);
    }

    [Fact]
    public async Task HealthIsNotServingWhileAModelIsNotLoadedAsHealthReadyIs503ButLivenessServes()
    {
        await using var factory = new ServiceFactory(models, new Dictionary<string, string?> { ["MlService:Models:1:Uri"] = "models:/ghost/latest" });
        var rest = factory.CreateClient();
        using var grpc = new GrpcClients(factory);

        var ready = await grpc.Health.CheckAsync(new HealthCheckRequest());
        var live = await grpc.Health.CheckAsync(new HealthCheckRequest { Service = "liveness" });

        Assert.Equal(ServingStatus.NotServing, ready.Status);
        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, (await rest.GetAsync("/health/ready")).StatusCode);
        Assert.Equal(ServingStatus.Serving, live.Status);
    }

    [Fact]
    public async Task WatchSendsTheCurrentStatus()
    {
        await using var factory = new ServiceFactory(models);
        await factory.ReadyClientAsync();
        using var grpc = new GrpcClients(factory);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        using var watch = grpc.Health.Watch(new HealthCheckRequest(), cancellationToken: stop.Token);

        Assert.True(await watch.ResponseStream.MoveNext(stop.Token));
        Assert.Equal(ServingStatus.Serving, watch.ResponseStream.Current.Status);
    }

    [Fact]
    public async Task AnUnknownHealthServiceIsNotFound()
    {
        await using var factory = new ServiceFactory(models);
        using var grpc = new GrpcClients(factory);

        var error = await Assert.ThrowsAsync<RpcException>(() => grpc.Health.CheckAsync(new HealthCheckRequest { Service = "billing" }).ResponseAsync);

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.DoesNotContain("billing", error.Status.Detail);
    }

    [Fact]
    public async Task ReflectionListsTheInferenceHealthAndReflectionServices()
    {
        await using var factory = new ServiceFactory(models);
        using var grpc = new GrpcClients(factory);

        Assert.Equal(["grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection", "grpc.reflection.v1alpha.ServerReflection", "inference.GRPCInferenceService"], await ListServicesAsync(grpc, null));
    }

    [Theory]
    [InlineData("authorization", "Bearer " + ApiKeyTests.UserKey)]
    [InlineData("x-api-key", ApiKeyTests.SecondUserKey)]
    [InlineData("authorization", "Bearer " + ApiKeyTests.AdminKey)]
    public async Task AValidKeyInMetadataCallsTheApi(string header, string value)
    {
        await using var factory = new ServiceFactory(models, ApiKeyTests.AuthOn());
        await factory.ReadyClientAsync();
        using var grpc = new GrpcClients(factory);

        var metadata = await grpc.Inference.ModelMetadataAsync(new ModelMetadataRequest { Name = "heart-disease" }, GrpcClients.Key(header, value));

        Assert.Equal("heart-disease", metadata.Name);
        Assert.Contains("inference.GRPCInferenceService", await ListServicesAsync(grpc, GrpcClients.Key(header, value)));
    }

    [Theory]
    [InlineData(null, null, "send an API key")]
    [InlineData("authorization", "Bearer wrong-key", "the API key is not valid")]
    [InlineData("x-api-key", "wrong-key", "the API key is not valid")]
    public async Task NoKeyOrAWrongOneIsUnauthenticatedAndProbesStayOpen(string? header, string? value, string message)
    {
        await using var factory = new ServiceFactory(models, ApiKeyTests.AuthOn());
        await factory.ReadyClientAsync();
        using var grpc = new GrpcClients(factory);
        var headers = header is null ? new Metadata() : GrpcClients.Key(header, value!);

        var infer = await Assert.ThrowsAsync<RpcException>(() => grpc.Inference.ModelInferAsync(new ModelInferRequest { ModelName = "heart-disease" }, headers).ResponseAsync);
        var reflection = await Assert.ThrowsAsync<RpcException>(() => ListServicesAsync(grpc, headers));

        Assert.Equal(StatusCode.Unauthenticated, infer.StatusCode);
        Assert.Contains(message, infer.Status.Detail);
        Assert.Equal(StatusCode.Unauthenticated, reflection.StatusCode);
        Assert.True((await grpc.Inference.ServerLiveAsync(new ServerLiveRequest(), headers)).Live);
        Assert.True((await grpc.Inference.ServerReadyAsync(new ServerReadyRequest(), headers)).Ready);
        Assert.Equal(ServingStatus.Serving, (await grpc.Health.CheckAsync(new HealthCheckRequest(), headers)).Status);
    }

    [Fact]
    public async Task LoadAndUnloadNeedAnAdminKey()
    {
        await using var factory = new ServiceFactory(models, ApiKeyTests.AuthOn());
        await factory.ReadyClientAsync();
        using var grpc = new GrpcClients(factory);
        var user = GrpcClients.Key("authorization", "Bearer " + ApiKeyTests.UserKey);
        var admin = GrpcClients.Key("authorization", "Bearer " + ApiKeyTests.AdminKey);

        var refused = await Assert.ThrowsAsync<RpcException>(() => grpc.Inference.RepositoryModelUnloadAsync(new RepositoryModelUnloadRequest { ModelName = "mixed" }, user).ResponseAsync);
        var index = await grpc.Inference.RepositoryIndexAsync(new RepositoryIndexRequest(), user);
        await grpc.Inference.RepositoryModelLoadAsync(new RepositoryModelLoadRequest { ModelName = "mixed" }, admin);

        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
        Assert.Contains("MlService:Auth:AdminApiKeys", refused.Status.Detail);
        Assert.Contains(index.Models, m => m is { Name: "mixed", State: "READY" });
    }

    private static async Task<List<string>> ListServicesAsync(GrpcClients grpc, Metadata? headers)
    {
        using var call = grpc.Reflection.ServerReflectionInfo(headers);
        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        return call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).Order(StringComparer.Ordinal).ToList();
    }
}
