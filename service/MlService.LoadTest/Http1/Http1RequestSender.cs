using System.Diagnostics;
using System.Net.Http;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using MlService.LoadTest.Running;

namespace MlService.LoadTest.Http1;

/// <summary>
/// The raw HTTP/1.1 client path (REST protocols over http://): prebuilt request bytes written to a pooled socket
/// and a strict parser reading the answer, so the tool spends its time on the wire rather than in HttpClient's
/// layers. Outcomes are named as on the HttpClient path: "timeout", and HttpRequestException kinds for connection
/// faults and broken responses. A kept-alive connection that the server closed meanwhile (no byte of the answer
/// arrived) is retried once on a new connection, as HttpClient does. Thread-safe.
/// </summary>
public sealed class Http1RequestSender(Http1RequestSet requests, Http1ConnectionPool pool, RunStats stats, TimeSpan timeout, int newConnectionEvery)
    : IRequestSender
{
    private long _sent;

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask SendAsync(long startTimestamp, CancellationToken interrupt)
    {
        var request = requests.Next();
        // Closing every Nth connection makes the client reconnect, so an L4 balancer (a Service) can pick another pod.
        var close = newConnectionEvery > 0 && Interlocked.Increment(ref _sent) % newConnectionEvery == 0;
        var bytes = close ? request.Close : request.KeepAlive;
        for (var attempt = 1; ; attempt++)
        {
            Http1Connection? connection = null;
            try
            {
                // A retry goes to a new connection: another idle one may be just as stale.
                connection = (attempt == 1 ? pool.TryRent() : null) ?? await pool.OpenAsync(Remaining(startTimestamp), interrupt);
                var response = await connection.ExchangeAsync(bytes, Remaining(startTimestamp));
                var micros = Stopwatch.GetElapsedTime(startTimestamp).Ticks / (TimeSpan.TicksPerMillisecond / 1000);
                stats.RecordResponse(response.Status, micros, response.ServedBy, request.Rows);
                if (close || response.ConnectionClose || interrupt.IsCancellationRequested) connection.Dispose();
                else pool.Return(connection);
                return;
            }
            catch (Exception e)
            {
                connection?.Dispose();
                if (interrupt.IsCancellationRequested) stats.RecordAbandoned();
                else if (connection is { TimedOut: true } || e is OperationCanceledException || Remaining(startTimestamp) == TimeSpan.Zero)
                    stats.RecordFailure("timeout");
                else if (attempt == 1 && connection is { Answered: > 0, ReceivedNothing: true } && e is not HttpRequestException { HttpRequestError: not HttpRequestError.ResponseEnded })
                    continue;
                else stats.RecordFailure(RequestSender.FailureKind(AsHttpError(e)));
                return;
            }
        }
    }

    /// <summary>What is left of the request's timeout, counted from its start (a retry does not get a fresh one).</summary>
    private TimeSpan Remaining(long startTimestamp)
    {
        var left = timeout - Stopwatch.GetElapsedTime(startTimestamp);
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    /// <summary>Socket faults under the name HttpClient gives them, so reports of both paths count the same kinds.</summary>
    private static Exception AsHttpError(Exception e) => e switch
    {
        HttpRequestException => e,
        SocketException or IOException or ObjectDisposedException => new HttpRequestException(HttpRequestError.ConnectionError, e.Message, e),
        _ => e,
    };
}
