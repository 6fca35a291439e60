using System.Net.Http;
using System.Net.Sockets;

namespace MlService.LoadTest.Safety;

/// <summary>
/// Second half of the safety catch: every new connection resolves the host again and connects only if all its
/// addresses are loopback, so a name that changes its answer after the start-up check (DNS rebinding) still
/// cannot point the load at another machine. Used by HttpClient's connect callback and by the raw HTTP/1.1 client.
/// </summary>
public static class LoopbackOnlyConnector
{
    public static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellation)
    {
        var socket = await ConnectSocketAsync(context.DnsEndPoint.Host, context.DnsEndPoint.Port, allowRemote: false, cancellation);
        return new NetworkStream(socket, ownsSocket: true);
    }

    /// <summary>A connected TCP socket with Nagle off; without <paramref name="allowRemote"/> only to loopback addresses.</summary>
    public static async ValueTask<Socket> ConnectSocketAsync(string host, int port, bool allowRemote, CancellationToken cancellation)
    {
        host = host.Trim('[', ']');
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellation);
        if (addresses.Length == 0 || (!allowRemote && !addresses.All(LoopbackGuard.IsLoopback)))
            throw new HttpRequestException(HttpRequestError.ConnectionError,
                $"refusing to connect to '{host}': {(addresses.Length == 0 ? "no address" : "not a loopback address (use --allow-remote)")}");
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, port, cancellation);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
