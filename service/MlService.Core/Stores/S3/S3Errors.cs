using System.Net.Sockets;
using Minio.Exceptions;

namespace MlService.Core.Stores.S3;

/// <summary>
/// Turns Minio SDK and network failures into <see cref="StoreUnavailableException"/> with a message that names
/// the endpoint, bucket and operation, and never the secret key.
/// </summary>
internal static class S3Errors
{
    /// <summary>True for failures of the store (network, timeout, auth, bucket, server) rather than of the caller.</summary>
    public static bool IsStoreFailure(Exception e, CancellationToken ct) => e switch
    {
        OperationCanceledException => !ct.IsCancellationRequested, // the request timeout, not the caller cancelling
        MinioException or AuthorizationException or MalFormedXMLException => true,
        HttpRequestException or HttpIOException or SocketException => true,
        _ => false,
    };

    public static StoreUnavailableException Unavailable(Exception e, S3Connection connection, S3Location location, string operation)
    {
        var where = $"S3 endpoint {connection.Endpoint}, bucket '{location.Bucket}'";
        var detail = connection.Redact(Describe(e));
        var message = e switch
        {
            BucketNotFoundException => $"{where}: the bucket does not exist ({operation})",
            AuthorizationException or AccessDeniedException or ForbiddenException =>
                $"{where}: access refused while {operation}; check the access key and secret key ({detail})",
            OperationCanceledException => $"{where}: no answer within {connection.RequestTimeout.TotalSeconds:0.#} s while {operation}",
            HttpRequestException or HttpIOException or SocketException or ConnectionException =>
                $"{where}: unreachable while {operation} ({detail})",
            _ => $"{where}: request failed while {operation} ({detail})",
        };
        return new StoreUnavailableException(message, e);
    }

    /// <summary>The exception's message plus its innermost cause (e.g. the TLS or socket error behind an HttpRequestException).</summary>
    private static string Describe(Exception e)
    {
        var innermost = e;
        while (innermost.InnerException is not null) innermost = innermost.InnerException;
        return ReferenceEquals(innermost, e) || innermost.Message == e.Message ? e.Message : $"{e.Message} {innermost.Message}";
    }
}
