using System.Net.Http;
using System.Net.Sockets;

namespace MlService.LoadTest.Safety;

/// <summary>
/// Second half of the safety catch: every new connection resolves the host again and connects only if all its
/// addresses are loopback, so a name that changes its answer after the start-up check (DNS rebinding) still
/// cannot point the load at another machine.
/// </summary>
public static class LoopbackOnlyConnector
{
    public static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellation)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellation);
        if (addresses.Length == 0 || !addresses.All(LoopbackGuard.IsLoopback))
            throw new HttpRequestException($"refusing to connect to '{host}': not a loopback address (use --allow-remote)");
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellation);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
