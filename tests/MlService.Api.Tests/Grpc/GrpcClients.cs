using Grpc.Core;
using Grpc.Net.Client;
using HealthClient = Grpc.Health.V1.Health.HealthClient;
using InferenceClient = MlService.Api.Grpc.Protocol.GRPCInferenceService.GRPCInferenceServiceClient;
using ReflectionClient = Grpc.Reflection.V1Alpha.ServerReflection.ServerReflectionClient;

namespace MlService.Api.Tests.Grpc;

/// <summary>
/// gRPC clients on an in-memory service: the channel sends through the test server's handler (unary and server-streaming
/// calls work; the in-memory server has no HTTP/2 listener). Metadata such as API keys go per call.
/// </summary>
public sealed class GrpcClients : IDisposable
{
    private readonly GrpcChannel _channel;

    public GrpcClients(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> factory)
    {
        _channel = GrpcChannel.ForAddress(factory.Server.BaseAddress, new GrpcChannelOptions { HttpHandler = factory.Server.CreateHandler() });
        Inference = new InferenceClient(_channel);
        Health = new HealthClient(_channel);
        Reflection = new ReflectionClient(_channel);
    }

    public InferenceClient Inference { get; }

    public HealthClient Health { get; }

    public ReflectionClient Reflection { get; }

    public static Metadata Key(string header, string value) => new() { { header, value } };

    public void Dispose() => _channel.Dispose();
}
