using Grpc.Core;
using Grpc.Health.V1;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using static Grpc.Health.V1.HealthCheckResponse.Types;

namespace MlService.Api.Grpc;

/// <summary>
/// <c>grpc.health.v1.Health</c> on the probes' own health checks, run when asked (as the HTTP probes run them), so a
/// Kubernetes <c>grpc:</c> probe sees what <c>/health/ready</c> sees. Service names: "" and <c>inference.GRPCInferenceService</c>
/// are readiness; <c>liveness</c>, <c>readiness</c> and <c>startup</c> are the three probes by name. Thread-safe.
/// </summary>
public sealed class GrpcHealthService(HealthCheckService health) : global::Grpc.Health.V1.Health.HealthBase
{
    /// <summary>How often Watch re-runs the checks to notice a change.</summary>
    private static readonly TimeSpan WatchInterval = TimeSpan.FromSeconds(1);

    public override async Task<HealthCheckResponse> Check(HealthCheckRequest request, ServerCallContext context) =>
        new() { Status = await StatusAsync(Tag(request.Service), context.CancellationToken) };

    public override async Task Watch(HealthCheckRequest request, IServerStreamWriter<HealthCheckResponse> responseStream, ServerCallContext context)
    {
        var tag = Tag(request.Service);
        ServingStatus? last = null;
        using var timer = new PeriodicTimer(WatchInterval);
        try
        {
            do
            {
                var status = await StatusAsync(tag, context.CancellationToken);
                if (status != last) await responseStream.WriteAsync(new HealthCheckResponse { Status = status });
                last = status;
            }
            while (await timer.WaitForNextTickAsync(context.CancellationToken));
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            // The client stopped watching.
        }
    }

    private async Task<ServingStatus> StatusAsync(string tag, CancellationToken cancellationToken) =>
        (await GrpcReadiness.CheckAsync(health, tag, cancellationToken)).Ready ? ServingStatus.Serving : ServingStatus.NotServing;

    private static string Tag(string service) => service switch
    {
        "" or "inference.GRPCInferenceService" or "readiness" => HealthApi.ReadyTag,
        "liveness" => HealthApi.LiveTag,
        "startup" => HealthApi.StartupTag,
        _ => throw new RpcException(new Status(StatusCode.NotFound, "unknown service; known: \"\" (the server), inference.GRPCInferenceService, liveness, readiness, startup")),
    };
}
