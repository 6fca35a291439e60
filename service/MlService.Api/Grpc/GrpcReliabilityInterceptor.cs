using Grpc.Core;
using Grpc.Core.Interceptors;
using MlService.Api.Middleware;
using MlService.Api.Security;

namespace MlService.Api.Grpc;

/// <summary>
/// The REST reliability layer for gRPC calls, answered with gRPC status codes instead of problem+json: the API key from
/// <c>authorization: Bearer</c> or <c>x-api-key</c> metadata (UNAUTHENTICATED, PERMISSION_DENIED), then the request timeout
/// (DEADLINE_EXCEEDED; it also covers the queue wait), then the same <see cref="MemoryAdmission"/> budget as REST, charged
/// with the message's size (RESOURCE_EXHAUSTED with REST's 503/413 detail), then the same <see cref="ConcurrencyLimiter"/>
/// slots as REST (RESOURCE_EXHAUSTED when running + queue are full). Our exceptions become statuses via <see cref="GrpcStatusMapping"/>;
/// anything else is INTERNAL naming no internals. Rejections count in <c>mlservice_rejected_requests_total</c> by the
/// REST status they stand for. A singleton: thread-safe.
/// </summary>
public sealed partial class GrpcReliabilityInterceptor(
    ApiKeyRing keys, ConcurrencyLimiter limiter, IOptions<LimitsOptions> limits, MemoryAdmission memory, IOptions<MemoryAdmissionOptions> memoryOptions,
    MemoryAdmissionMetrics shed, ServiceMetrics metrics, ILogger<GrpcReliabilityInterceptor> logger)
    : Interceptor
{
    private readonly LimitsOptions _limits = limits.Value;
    private readonly bool _memoryAdmission = memoryOptions.Value.Enabled;

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        Authorize(context);
        if (GrpcMethods.IsExemptFromLimits(context.Method)) return await continuation(request, context);
        var http = context.GetHttpContext();
        var clientGone = http.RequestAborted;
        // Taken before RequestAborted is replaced: without a client deadline the call's token is RequestAborted itself.
        var callCancelled = context.CancellationToken;
        using var deadline = _limits.RequestTimeoutSeconds > 0 ? new CancellationTokenSource(TimeSpan.FromSeconds(_limits.RequestTimeoutSeconds)) : null;
        // The call's own token fires on a client deadline (grpc-timeout) or disconnect: it ends our deadline too.
        using var forward = deadline is null ? default : callCancelled.UnsafeRegister(static s => ((CancellationTokenSource)s!).Cancel(), deadline);
        if (deadline is not null) http.RequestAborted = deadline.Token; // what InferenceService and the model loads observe, as on REST
        try
        {
            return await AdmittedAsync(request, context, continuation, http.RequestAborted);
        }
        catch (MlServiceException e)
        {
            var error = GrpcStatusMapping.ToRpcException(e);
            if (e.StatusCode >= 500 && e is not ModelNotReadyException) LogFailed(e, context.Method, error.StatusCode);
            metrics.Rejected(e.StatusCode);
            throw error;
        }
        catch (OperationCanceledException) when (deadline is { IsCancellationRequested: true } && !callCancelled.IsCancellationRequested)
        {
            metrics.Rejected(StatusCodes.Status504GatewayTimeout);
            throw new RpcException(new Status(StatusCode.DeadlineExceeded, "the request took longer than MlService:Limits:RequestTimeoutSeconds and was cancelled"));
        }
        catch (Exception e) when (e is not (RpcException or OperationCanceledException))
        {
            LogFailed(e, context.Method, StatusCode.Internal);
            metrics.Rejected(StatusCodes.Status500InternalServerError);
            throw new RpcException(new Status(StatusCode.Internal, $"The server failed while handling the request; the error is logged with the request id {http.TraceIdentifier}."));
        }
        finally
        {
            http.RequestAborted = clientGone;
        }
    }

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Authorize(context);
        return continuation(request, responseStream, context);
    }

    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Authorize(context); // server reflection: like REST's API documentation, it needs a key
        return continuation(requestStream, responseStream, context);
    }

    public override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Authorize(context);
        return continuation(requestStream, context);
    }

    /// <summary>Memory admission as on REST (<see cref="Middleware.MemoryAdmissionMiddleware"/>), before the limiter's queue.</summary>
    private async Task<TResponse> AdmittedAsync<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation, CancellationToken cancelled)
        where TRequest : class
        where TResponse : class
    {
        if (!_memoryAdmission) return await LimitedAsync(request, context, continuation, cancelled);
        var cost = memory.CostOfBody(request is Google.Protobuf.IMessage message ? message.CalculateSize() : 0);
        var verdict = memory.TryEnter(cost);
        if (verdict != MemoryVerdict.Admitted)
        {
            var (status, _, detail) = MemoryShedResponses.Describe(verdict, memory, cost, _limits.RetryAfterSeconds);
            metrics.Rejected(status);
            shed.Count(verdict);
            var trailers = new Metadata();
            if (status == StatusCodes.Status503ServiceUnavailable)
                trailers.Add("retry-after", _limits.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
            throw new RpcException(new Status(StatusCode.ResourceExhausted, detail), trailers);
        }
        try
        {
            return await LimitedAsync(request, context, continuation, cancelled);
        }
        finally
        {
            memory.Leave(cost);
        }
    }

    private async Task<TResponse> LimitedAsync<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation, CancellationToken cancelled)
        where TRequest : class
        where TResponse : class
    {
        if (_limits.MaxConcurrentRequests <= 0) return await continuation(request, context);
        if (!limiter.TryAdmit())
        {
            metrics.Rejected(StatusCodes.Status503ServiceUnavailable);
            throw new RpcException(new Status(StatusCode.ResourceExhausted,
                $"too many requests are being processed; retry after {_limits.RetryAfterSeconds}s (or on another replica)"),
                new Metadata { { "retry-after", _limits.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) } });
        }
        try
        {
            await limiter.EnterAsync(cancelled);
            try
            {
                return await continuation(request, context);
            }
            finally
            {
                limiter.ExitSlot();
            }
        }
        finally
        {
            limiter.Leave();
        }
    }

    /// <summary>The REST key rule (<see cref="ApiKeyMiddleware"/>) on the call's metadata, which arrives as its HTTP/2 headers.</summary>
    private void Authorize(ServerCallContext context)
    {
        if (!keys.Enabled) return;
        var required = GrpcMethods.Access(context.Method);
        if (required == AccessLevel.Open) return;
        var presented = ApiKeyMiddleware.PresentedKey(context.GetHttpContext().Request);
        var granted = presented is { Length: <= ApiKeyMiddleware.MaxKeyLength } ? keys.Grant(presented) : null;
        if (granted is null)
        {
            metrics.Rejected(StatusCodes.Status401Unauthorized);
            throw new RpcException(new Status(StatusCode.Unauthenticated, presented is null
                ? "send an API key as 'authorization: Bearer <key>' or 'x-api-key: <key>' metadata"
                : "the API key is not valid"));
        }
        if (required == AccessLevel.AdminKey && granted != AccessLevel.AdminKey)
        {
            metrics.Rejected(StatusCodes.Status403Forbidden);
            throw new RpcException(new Status(StatusCode.PermissionDenied,
                "this method changes what the service serves and needs a key from MlService:Auth:AdminApiKeys"));
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "gRPC call {Method} failed with {Status}")]
    private partial void LogFailed(Exception exception, string method, StatusCode status);
}
