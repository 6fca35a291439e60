namespace MlService.Api.Tests.Reliability;

/// <summary>
/// An HTTP/1.1 POST over a plain socket whose body is sent only in part, for slow-client tests: HttpClient
/// does not surface a response before it has sent the whole body.
/// </summary>
public sealed class RawHttpRequest : IDisposable
{
    private readonly TcpClient _socket = new();
    private NetworkStream _stream = null!;

    public static async Task<RawHttpRequest> StartAsync(Uri server, string path, string json, int bytesToSend)
    {
        var request = new RawHttpRequest();
        await request._socket.ConnectAsync(server.Host, server.Port);
        request._stream = request._socket.GetStream();
        var body = Encoding.UTF8.GetBytes(json);
        var head = $"POST {path} HTTP/1.1\r\nHost: {server.Authority}\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\n\r\n";
        await request._stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        await request._stream.WriteAsync(body.AsMemory(0, bytesToSend));
        await request._stream.FlushAsync();
        return request;
    }

    /// <summary>The response's status code and whole head+body text (bounded wait).</summary>
    public async Task<(int Status, string Text)> ReadResponseAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var text = new StringBuilder();
        var buffer = new byte[8192];
        while (true)
        {
            var read = await _stream.ReadAsync(buffer, cts.Token);
            if (read == 0) break;
            text.Append(Encoding.UTF8.GetString(buffer, 0, read));
            var all = text.ToString();
            var headEnd = all.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (headEnd < 0) continue;
            var length = all.Split("\r\n").FirstOrDefault(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
            if (length is null || Encoding.UTF8.GetByteCount(all[(headEnd + 4)..]) >= int.Parse(length["Content-Length:".Length..].Trim())) break;
        }
        var response = text.ToString();
        return (int.Parse(response.Split(' ')[1]), response);
    }

    public void Dispose() => _socket.Dispose();
}
