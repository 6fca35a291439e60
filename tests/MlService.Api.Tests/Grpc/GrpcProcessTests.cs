using Grpc.Health.V1;
using Grpc.Net.Client;
using MlService.Api.Tests.Reliability;
using static Grpc.Health.V1.HealthCheckResponse.Types;

namespace MlService.Api.Tests.Grpc;

/// <summary>
/// The real process: gRPC over h2c on its own port (MlService:Grpc) beside REST on ASPNETCORE_URLS, which stays HTTP/1.1;
/// on SIGTERM the gRPC health turns NOT_SERVING during the drain delay while calls are still answered, like /health/ready.
/// </summary>
[Collection(TrainedModelsCollection.Name)]
public sealed class GrpcProcessTests(TrainedModels models)
{
    [Fact]
    public async Task GrpcAnswersOnItsOwnH2cPortAndRestKeepsItsUrl()
    {
        var port = FreePort();
        await using var service = await ServiceProcess.StartAsync(Env(port, drainSeconds: 0));
        using var rest = service.CreateClient();
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{port}");
        var inference = new GRPCInferenceService.GRPCInferenceServiceClient(channel);
        var health = new global::Grpc.Health.V1.Health.HealthClient(channel);

        await Eventually.TrueAsync(async () => (await health.CheckAsync(new HealthCheckRequest())).Status == ServingStatus.Serving, TimeSpan.FromSeconds(60), "gRPC health SERVING");
        var metadata = await inference.ModelMetadataAsync(new ModelMetadataRequest { Name = "heart-disease" });
        var response = await inference.ModelInferAsync(HeartTensors.Request(metadata, raw: true));

        Assert.Equal(3, HeartTensors.Numbers(response, "Probability").Length);
        Assert.NotEqual(port, service.BaseAddress.Port);
        var ready = await rest.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal(new Version(1, 1), ready.Version);
    }

    [Fact]
    public async Task OnSigtermHealthIsNotServingDuringTheDrainWhileCallsAreStillAnswered()
    {
        var port = FreePort();
        await using var service = await ServiceProcess.StartAsync(Env(port, drainSeconds: 30));
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{port}");
        var inference = new GRPCInferenceService.GRPCInferenceServiceClient(channel);
        var health = new global::Grpc.Health.V1.Health.HealthClient(channel);
        await Eventually.TrueAsync(async () => (await health.CheckAsync(new HealthCheckRequest())).Status == ServingStatus.Serving, TimeSpan.FromSeconds(60), "gRPC health SERVING");

        Signals.Terminate(service.Process.Id);

        await Eventually.TrueAsync(async () => (await health.CheckAsync(new HealthCheckRequest())).Status == ServingStatus.NotServing, TimeSpan.FromSeconds(10), "gRPC health NOT_SERVING");
        Assert.False((await inference.ServerReadyAsync(new ServerReadyRequest())).Ready);
        Assert.Equal("heart-disease", (await inference.ModelMetadataAsync(new ModelMetadataRequest { Name = "heart-disease" })).Name);
    }

    private Dictionary<string, string?> Env(int port, int drainSeconds) => new()
    {
        ["MlService__Store__Root"] = models.StoreRoot,
        ["MlService__Store__CacheDirectory"] = Path.Combine(models.Root, "cache-grpc-process"),
        ["MODEL_URI"] = "models:/heart-disease@production",
        ["MlService__Grpc__Enabled"] = "true",
        ["MlService__Grpc__Host"] = "127.0.0.1",
        ["MlService__Grpc__Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["MlService__Shutdown__DrainDelaySeconds"] = drainSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>A port free now on 127.0.0.1 (the gRPC port is a fixed setting, so it cannot be 0 like the REST URL's).</summary>
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
