using System.Diagnostics;
using MlService.LoadTest.Bodies;

namespace MlService.LoadTest.Running;

/// <summary>
/// The HttpClient path (gRPC, https targets, and --client httpclient): sends one prediction request through the
/// shared <see cref="LoadHttpClient"/> and records its outcome. Latency runs from the timestamp the caller gives:
/// the intended send time in open loop (so a stalled server shows as latency instead of a slower schedule),
/// the actual send time in closed loop. Thread-safe; one instance is shared by all senders.
/// </summary>
public sealed class RequestSender(HttpClient client, Uri url, BodyPool bodies, RunStats stats, TimeSpan timeout, int newConnectionEvery, bool grpc = false)
    : IRequestSender
{
    public const string ServedByHeader = "X-Served-By";
    private long _sent;

    public async ValueTask SendAsync(long startTimestamp, CancellationToken interrupt)
    {
        var body = bodies.Next();
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body.Bytes) };
        // A raw header per request (header objects are not shared across requests), added unparsed: no parse per send.
        request.Content.Headers.TryAddWithoutValidation("Content-Type", grpc ? "application/grpc" : "application/json");
        if (grpc) GrpcCall.Prepare(request);
        // Closing every Nth connection makes the client reconnect, so an L4 balancer (a Service) can pick another pod.
        if (newConnectionEvery > 0 && Interlocked.Increment(ref _sent) % newConnectionEvery == 0) request.Headers.ConnectionClose = true;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(interrupt);
        deadline.CancelAfter(timeout);
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            await response.Content.CopyToAsync(Stream.Null, deadline.Token);
            var micros = Stopwatch.GetElapsedTime(startTimestamp).Ticks / (TimeSpan.TicksPerMillisecond / 1000);
            var status = grpc ? GrpcCall.Status(response) : (int)response.StatusCode;
            stats.RecordResponse(status, micros, ServedBy(response), body.Rows);
        }
        catch (OperationCanceledException) when (interrupt.IsCancellationRequested)
        {
            stats.RecordAbandoned();
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            stats.RecordFailure("timeout");
        }
        catch (Exception e)
        {
            stats.RecordFailure(FailureKind(e));
        }
    }

    public static string FailureKind(Exception e) => e switch
    {
        HttpRequestException http => $"{nameof(HttpRequestException)} ({http.HttpRequestError})",
        _ => e.GetType().Name,
    };

    private static string? ServedBy(HttpResponseMessage response) =>
        response.Headers.TryGetValues(ServedByHeader, out var values) ? values.FirstOrDefault() : null;
}
