using System.Text;
using MlService.LoadTest.Bodies;

namespace MlService.LoadTest.Http1;

/// <summary>
/// The prebuilt requests of a run, one per body of the <see cref="BodyPool"/>, handed out round-robin like the
/// bodies themselves. Thread-safe (one interlocked counter).
/// </summary>
public sealed class Http1RequestSet
{
    private readonly Http1Request[] _requests;
    private long _next = -1;

    /// <param name="closeVariants">Whether requests are also needed with Connection: close (--new-connection-every);
    /// without it the close variant is the kept-alive bytes, so large batches are not held twice.</param>
    public Http1RequestSet(Uri url, string contentType, IReadOnlyList<RequestBody> bodies, bool closeVariants)
    {
        if (bodies.Count == 0) throw new ArgumentException("a request set needs at least one body", nameof(bodies));
        // IdnHost drops an IPv6 literal's brackets, which the Host header needs.
        var name = url.HostNameType == UriHostNameType.IPv6 ? $"[{url.IdnHost}]" : url.IdnHost;
        var host = url.IsDefaultPort ? name : $"{name}:{url.Port}";
        _requests = bodies.Select(b =>
        {
            var keepAlive = Build(url, host, contentType, b.Bytes, close: false);
            return new Http1Request(keepAlive, closeVariants ? Build(url, host, contentType, b.Bytes, close: true) : keepAlive, b.Rows);
        }).ToArray();
    }

    public Http1Request Next() => _requests[(int)((ulong)Interlocked.Increment(ref _next) % (ulong)_requests.Length)];

    public static byte[] Build(Uri url, string host, string contentType, byte[] body, bool close)
    {
        var head = $"POST {url.PathAndQuery} HTTP/1.1\r\nHost: {host}\r\nContent-Type: {contentType}\r\nContent-Length: {body.Length}\r\n"
                   + (close ? "Connection: close\r\n" : "") + "\r\n";
        var bytes = new byte[Encoding.ASCII.GetByteCount(head) + body.Length];
        var written = Encoding.ASCII.GetBytes(head, bytes);
        body.CopyTo(bytes, written);
        return bytes;
    }
}
