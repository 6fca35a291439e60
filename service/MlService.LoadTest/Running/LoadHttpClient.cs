using MlService.LoadTest.Safety;

namespace MlService.LoadTest.Running;

/// <summary>
/// The one HttpClient of a run: a shared SocketsHttpHandler allowing as many connections as --connections,
/// no proxy (a proxy from the environment would send the load somewhere else), no cookies, no redirects,
/// and without --allow-remote connections only to loopback addresses.
/// Timeouts are per request (RequestSender), so the client's own timeout is off.
/// </summary>
public static class LoadHttpClient
{
    public static HttpClient Create(LoadOptions options)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = options.Connections,
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = options.Timeout,
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
            // gRPC is HTTP/2: without this every request shares one connection, so --connections would not apply.
            EnableMultipleHttp2Connections = true,
        };
        if (!options.AllowRemote) handler.ConnectCallback = LoopbackOnlyConnector.ConnectAsync;
        return new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
    }
}
