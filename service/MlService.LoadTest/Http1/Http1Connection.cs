using System.Diagnostics;
using System.Net.Sockets;

namespace MlService.LoadTest.Http1;

/// <summary>
/// One kept-alive HTTP/1.1 connection: a TCP socket (Nagle off), a reusable receive buffer and its parser. One
/// request at a time. The per-request timeout is a timer made once per connection and re-armed per request
/// (cheaper than a CancellationTokenSource per request): when it fires, or when the run is interrupted, the socket
/// is closed, which ends the pending send or receive. Not thread-safe: a connection belongs to one request at a time.
/// </summary>
public sealed class Http1Connection : IByteSource, IDisposable
{
    private const int Idle = 0, Busy = 1, Expired = 2;
    private readonly Socket _socket;
    private readonly Http1ResponseReader _reader;
    private readonly Timer _deadline;
    private readonly CancellationTokenRegistration _interrupt;
    private int _phase;
    private long _dueBy;

    public Http1Connection(Socket socket, CancellationToken interrupt)
    {
        _socket = socket;
        _reader = new Http1ResponseReader(this);
        _deadline = new Timer(static state => ((Http1Connection)state!).Expire(), this, Timeout.Infinite, Timeout.Infinite);
        _interrupt = interrupt.UnsafeRegister(static state => ((Http1Connection)state!).Dispose(), this);
    }

    /// <summary>Requests answered on this connection so far (a reused connection may have been closed by the server meanwhile).</summary>
    public int Answered { get; private set; }

    /// <summary>The last exchange ran out of time (the socket was closed by the deadline).</summary>
    public bool TimedOut => Volatile.Read(ref _phase) == Expired;

    /// <summary>The last exchange failed before any response byte arrived.</summary>
    public bool ReceivedNothing => !_reader.ReceivedAny;

    /// <summary>Sends the prebuilt request and reads its response within <paramref name="timeout"/>.</summary>
    public async ValueTask<Http1Response> ExchangeAsync(byte[] request, TimeSpan timeout)
    {
        // A timer takes at most about 49 days; a longer timeout is no timeout.
        var limited = timeout.TotalMilliseconds < uint.MaxValue - 1;
        Volatile.Write(ref _dueBy, limited ? Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency) : long.MaxValue);
        Volatile.Write(ref _phase, Busy);
        _deadline.Change(limited ? timeout : Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        for (var sent = 0; sent < request.Length;)
            sent += await _socket.SendAsync(request.AsMemory(sent), SocketFlags.None);
        var response = await _reader.ReadAsync();
        // Lost race with the deadline: the answer came, but the timer has already closed the socket.
        var inTime = Interlocked.CompareExchange(ref _phase, Idle, Busy) == Busy;
        if (inTime) _deadline.Change(Timeout.Infinite, Timeout.Infinite);
        Answered++;
        return inTime ? response : response with { ConnectionClose = true };
    }

    ValueTask<int> IByteSource.ReceiveAsync(Memory<byte> buffer) => _socket.ReceiveAsync(buffer, SocketFlags.None);

    private void Expire()
    {
        if (Volatile.Read(ref _phase) != Busy) return;
        // Early: a late callback of the previous request's timer, or the timer's coarser clock. Wait for the rest.
        var early = Volatile.Read(ref _dueBy) - Stopwatch.GetTimestamp();
        if (early > 0)
        {
            try { _deadline.Change(early * 1000 / Stopwatch.Frequency + 1, Timeout.Infinite); }
            catch (ObjectDisposedException) { /* the connection is gone */ }
            return;
        }
        if (Interlocked.CompareExchange(ref _phase, Expired, Busy) == Busy) _socket.Dispose();
    }

    public void Dispose()
    {
        _interrupt.Dispose();
        _deadline.Dispose();
        _socket.Dispose();
    }
}
