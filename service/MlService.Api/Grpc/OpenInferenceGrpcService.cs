using Grpc.Core;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using MlService.Api.Codecs.V2;
using MlService.Api.Grpc.Protocol;

namespace MlService.Api.Grpc;

/// <summary>
/// Open Inference Protocol (KServe V2) over gRPC: the RPCs of <c>inference.GRPCInferenceService</c> on the REST handlers'
/// logic — metadata from <see cref="OpenInferenceApi"/>, the repository extension from <see cref="ModelRepositoryApi"/>, and
/// inference through the same frame decoder, <see cref="InferenceService"/> and output rules. Errors are thrown as the REST
/// exceptions; <see cref="GrpcReliabilityInterceptor"/> turns them into status codes. A singleton: thread-safe.
/// </summary>
public sealed class OpenInferenceGrpcService(
    InferenceService inference, InferenceSettings settings, HealthCheckService health, ModelRefresher refresher, ServiceMetrics metrics)
    : GRPCInferenceService.GRPCInferenceServiceBase
{
    public const string Protocol = "grpc";

    public override Task<ServerLiveResponse> ServerLive(ServerLiveRequest request, ServerCallContext context) =>
        Task.FromResult(new ServerLiveResponse { Live = true });

    public override async Task<ServerReadyResponse> ServerReady(ServerReadyRequest request, ServerCallContext context) =>
        new() { Ready = (await GrpcReadiness.CheckAsync(health, HealthApi.ReadyTag, context.CancellationToken)).Ready };

    public override Task<ModelReadyResponse> ModelReady(ModelReadyRequest request, ServerCallContext context)
    {
        try
        {
            OpenInferenceApi.ModelReady(RequiredName(request.Name, "name"), Version(request.Version), inference);
            return Task.FromResult(new ModelReadyResponse { Ready = true });
        }
        catch (ModelNotReadyException)
        {
            // The response carries readiness itself; only an unknown model is an error (NOT_FOUND).
            return Task.FromResult(new ModelReadyResponse { Ready = false });
        }
    }

    public override Task<ServerMetadataResponse> ServerMetadata(ServerMetadataRequest request, ServerCallContext context)
    {
        var metadata = OpenInferenceApi.ServerMetadata().Value!;
        var response = new ServerMetadataResponse { Name = metadata.Name, Version = metadata.Version };
        response.Extensions.AddRange(metadata.Extensions);
        return Task.FromResult(response);
    }

    public override Task<ModelMetadataResponse> ModelMetadata(ModelMetadataRequest request, ServerCallContext context)
    {
        var metadata = OpenInferenceApi.ModelMetadata(RequiredName(request.Name, "name"), Version(request.Version), inference).Value!;
        var response = new ModelMetadataResponse { Name = metadata.Name, Platform = metadata.Platform };
        response.Versions.AddRange(metadata.Versions);
        response.Inputs.AddRange(metadata.Inputs.Select(Tensor));
        response.Outputs.AddRange(metadata.Outputs.Select(Tensor));
        return Task.FromResult(response);
    }

    public override Task<ModelInferResponse> ModelInfer(ModelInferRequest request, ServerCallContext context)
    {
        var http = context.GetHttpContext();
        using var lease = inference.Acquire(RequiredName(request.ModelName, "model_name"), Version(request.ModelVersion));
        var signature = lease.Version.Model.Signature;
        var v2 = GrpcRequestReader.Read(request);
        OpenInferenceApi.CheckOutputs(v2, signature);
        var input = V2FrameDecoder.Decode(v2, signature.Inputs, settings.Validation, settings.Options.MaxRowsPerRequest, new GrpcTensorValues(request));
        var output = inference.Predict(http, lease, input, Protocol);
        var raw = request.RawInputContents.Count > 0;
        return Task.FromResult(GrpcResponseWriter.Write(lease.Version, v2.Id ?? http.TraceIdentifier, output, v2.Outputs, raw));
    }

    public override Task<RepositoryIndexResponse> RepositoryIndex(RepositoryIndexRequest request, ServerCallContext context)
    {
        var response = new RepositoryIndexResponse();
        foreach (var model in inference.Registry.Models.Select(ModelRepositoryApi.Describe).Where(m => !request.Ready || m.State == "READY"))
            response.Models.Add(new RepositoryIndexResponse.Types.ModelIndex { Name = model.Name, Version = model.Version ?? "", State = model.State, Reason = model.Reason });
        return Task.FromResult(response);
    }

    public override async Task<RepositoryModelLoadResponse> RepositoryModelLoad(RepositoryModelLoadRequest request, ServerCallContext context)
    {
        var model = inference.Registry.Get(RequiredName(request.ModelName, "model_name"));
        ModelRepositoryApi.RefuseLoadParameters([.. request.Parameters.Keys]);
        await ModelRepositoryApi.LoadAsync(model, refresher, context.GetHttpContext().RequestAborted);
        return new RepositoryModelLoadResponse();
    }

    public override Task<RepositoryModelUnloadResponse> RepositoryModelUnload(RepositoryModelUnloadRequest request, ServerCallContext context)
    {
        var model = inference.Registry.Get(RequiredName(request.ModelName, "model_name"));
        ModelRepositoryApi.UnloadModel(model, inference.Registry, metrics);
        return Task.FromResult(new RepositoryModelUnloadResponse());
    }

    /// <summary>The model is named in every model RPC (REST has it in the path); empty would silently pick the default model.</summary>
    private static string RequiredName(string name, string field) =>
        name.Length > 0 ? name : throw new MalformedRequestException($"'{field}' is required: the name of a served model", field);

    private static string? Version(string version) => version.Length == 0 ? null : version;

    private static ModelMetadataResponse.Types.TensorMetadata Tensor(V2Messages.V2TensorMetadata tensor)
    {
        var metadata = new ModelMetadataResponse.Types.TensorMetadata { Name = tensor.Name, Datatype = tensor.Datatype };
        metadata.Shape.AddRange(tensor.Shape);
        return metadata;
    }
}
