using System.Globalization;
using Grpc.Core;
using Microsoft.AspNetCore.Mvc;

namespace MlService.Api.Grpc;

/// <summary>
/// Our errors as gRPC statuses, as KServe and Triton map them: bad input INVALID_ARGUMENT, unknown model NOT_FOUND,
/// not loaded UNAVAILABLE (with a <c>retry-after</c> trailer), a size limit RESOURCE_EXHAUSTED, not implemented
/// UNIMPLEMENTED, a model fault INTERNAL. The message is the REST V2 body's <c>error</c> text (<see cref="KServeErrorShape"/>),
/// which quotes request values only when <c>EchoInputInErrors</c> is on.
/// </summary>
public static class GrpcStatusMapping
{
    public static RpcException ToRpcException(MlServiceException error)
    {
        var problem = new ProblemDetails { Status = error.StatusCode, Title = error.Title, Detail = error.Message };
        if (error.FieldErrors is { } errors) problem.Extensions["errors"] = errors;
        KServeErrorShape.Instance.Apply(problem, error);
        var trailers = new Metadata();
        if (error is ModelNotReadyException notReady) trailers.Add("retry-after", notReady.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture));
        return new RpcException(new Status(CodeOf(error.StatusCode), (string)problem.Extensions["error"]!), trailers);
    }

    /// <summary>The gRPC code of a REST status.</summary>
    public static StatusCode CodeOf(int httpStatus) => httpStatus switch
    {
        400 or 415 or 422 => StatusCode.InvalidArgument,
        401 => StatusCode.Unauthenticated,
        403 => StatusCode.PermissionDenied,
        404 => StatusCode.NotFound,
        413 => StatusCode.ResourceExhausted,
        501 => StatusCode.Unimplemented,
        503 => StatusCode.Unavailable,
        504 => StatusCode.DeadlineExceeded,
        _ => StatusCode.Internal,
    };
}
