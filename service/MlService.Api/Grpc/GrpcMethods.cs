using MlService.Api.Security;
using Grpc.AspNetCore.Server;

namespace MlService.Api.Grpc;

/// <summary>What each gRPC method needs, as <see cref="EndpointAccess"/> classifies the REST endpoints.</summary>
public static class GrpcMethods
{
    private const string Inference = "/inference.GRPCInferenceService/";

    /// <summary>Probes are open (the kubelet carries no key); load and unload change what is served, like their REST routes.</summary>
    public static AccessLevel Access(string method) => method switch
    {
        Inference + "ServerLive" or Inference + "ServerReady" or "/grpc.health.v1.Health/Check" or "/grpc.health.v1.Health/Watch" => AccessLevel.Open,
        Inference + "RepositoryModelLoad" or Inference + "RepositoryModelUnload" => AccessLevel.AdminKey,
        _ => AccessLevel.ApiKey,
    };

    /// <summary>Probes answer even when the server is saturated.</summary>
    public static bool IsExemptFromLimits(string method) => Access(method) == AccessLevel.Open;

    /// <summary>A request routed to a gRPC method: the REST middlewares leave it to <see cref="GrpcReliabilityInterceptor"/>.</summary>
    public static bool IsGrpc(HttpContext http) => http.GetEndpoint()?.Metadata.GetMetadata<GrpcMethodMetadata>() is not null;
}
