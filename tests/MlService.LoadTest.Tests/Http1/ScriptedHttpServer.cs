using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MlService.LoadTest.Tests.Http1;

/// <summary>
/// A raw TCP server on 127.0.0.1 (port chosen by the OS) for what Kestrel will not do on demand: it reads each
/// HTTP/1.1 request (head and Content-Length body) and lets <c>answer</c> decide from the request's number on its
/// connection (1-based) and whether it asked for <c>Connection: close</c>: the response text and whether to close
/// the connection after it, or null to stall (never answer). GET requests (the tool looking for a signature) get
/// 404 and are not counted; connections are counted when they carry a POST.
/// </summary>
public sealed class ScriptedHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Func<int, bool, (string Text, bool Close)?> _answer;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _connections = [];
    private readonly Task _accepting;
    private int _connectionCount, _requestCount;

    public ScriptedHttpServer(Func<int, bool, (string Text, bool Close)?> answer)
    {
        _answer = answer;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public Uri BaseUrl => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
    public int Connections => Volatile.Read(ref _connectionCount);
    public int Requests => Volatile.Read(ref _requestCount);

    public static string Response(int status, string servedBy, bool connectionClose = false, string body = "{}") =>
        $"HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nX-Served-By: {servedBy}\r\n"
        + (connectionClose ? "Connection: close\r\n" : "") + $"Content-Length: {Encoding.UTF8.GetByteCount(body)}\r\n\r\n{body}";

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var socket = await _listener.AcceptSocketAsync(_stop.Token);
                lock (_connections) _connections.Add(ServeAsync(socket));
            }
        }
        catch (OperationCanceledException) { }
        catch (ObjectDisposedException) { }
    }

    private async Task ServeAsync(Socket socket)
    {
        using var _ = socket;
        using var stream = new NetworkStream(socket);
        var buffer = new List<byte>();
        var chunk = new byte[4096];
        try
        {
            for (var n = 0; ;)
            {
                int headEnd;
                while ((headEnd = IndexOfHeadEnd(buffer)) < 0)
                {
                    var read = await stream.ReadAsync(chunk, _stop.Token);
                    if (read == 0) return;
                    buffer.AddRange(chunk.AsSpan(0, read));
                }
                var head = Encoding.Latin1.GetString(buffer.GetRange(0, headEnd).ToArray());
                var length = head.Split("\r\n").Where(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
                    .Select(l => int.Parse(l["Content-Length:".Length..].Trim())).FirstOrDefault();
                while (buffer.Count < headEnd + 4 + length)
                {
                    var read = await stream.ReadAsync(chunk, _stop.Token);
                    if (read == 0) return;
                    buffer.AddRange(chunk.AsSpan(0, read));
                }
                buffer.RemoveRange(0, headEnd + 4 + length);
                if (head.StartsWith("GET ", StringComparison.Ordinal))
                {
                    await stream.WriteAsync("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"u8.ToArray(), _stop.Token);
                    continue;
                }
                if (++n == 1) Interlocked.Increment(ref _connectionCount);
                Interlocked.Increment(ref _requestCount);
                var asksClose = head.Contains("\r\nConnection: close", StringComparison.OrdinalIgnoreCase);
                if (_answer(n, asksClose) is not { } answer)
                {
                    await Task.Delay(Timeout.Infinite, _stop.Token);
                    return;
                }
                await stream.WriteAsync(Encoding.Latin1.GetBytes(answer.Text), _stop.Token);
                if (answer.Close || asksClose) return;
            }
        }
        catch (OperationCanceledException) { }
        catch (IOException) { }
    }

    private static int IndexOfHeadEnd(List<byte> buffer)
    {
        for (var i = 0; i + 3 < buffer.Count; i++)
            if (buffer[i] == '\r' && buffer[i + 1] == '\n' && buffer[i + 2] == '\r' && buffer[i + 3] == '\n') return i;
        return -1;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        Task[] open;
        lock (_connections) open = [.. _connections];
        await Task.WhenAll(open);
        _stop.Dispose();
    }
}
