using MlService.LoadTest.Safety;

namespace MlService.LoadTest.Http1;

/// <summary>
/// The raw client's connections to one target. A request takes the most recently returned idle connection (LIFO,
/// so the fewest connections stay warm) or opens a new one when none is idle, so a request never waits behind
/// another on one connection: a closed loop of N clients ends up with N connections (like wrk), an open loop with
/// as many as were in flight at once (at most --max-in-flight). New connections go through the loopback check.
/// Thread-safe.
/// </summary>
public sealed class Http1ConnectionPool(string host, int port, bool allowRemote) : IDisposable
{
    private readonly Stack<Http1Connection> _idle = new();
    private readonly object _gate = new();
    private bool _disposed;
    private long _opened;

    /// <summary>Connections opened so far.</summary>
    public long Opened => Interlocked.Read(ref _opened);

    public Http1Connection? TryRent()
    {
        lock (_gate) return _idle.TryPop(out var connection) ? connection : null;
    }

    public async ValueTask<Http1Connection> OpenAsync(TimeSpan timeout, CancellationToken interrupt)
    {
        using var connecting = CancellationTokenSource.CreateLinkedTokenSource(interrupt);
        connecting.CancelAfter(timeout);
        var socket = await LoopbackOnlyConnector.ConnectSocketAsync(host, port, allowRemote, connecting.Token);
        Interlocked.Increment(ref _opened);
        return new Http1Connection(socket, interrupt);
    }

    public void Return(Http1Connection connection)
    {
        lock (_gate)
        {
            if (!_disposed)
            {
                _idle.Push(connection);
                return;
            }
        }
        connection.Dispose();
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            while (_idle.TryPop(out var connection)) connection.Dispose();
        }
    }
}
