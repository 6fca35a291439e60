using System.Buffers.Text;
using System.Net.Http;
using System.Text;

namespace MlService.LoadTest.Http1;

/// <summary>
/// A small, strict HTTP/1.1 response parser fed with whatever bytes arrived: status line, headers (names matched
/// case-insensitively), a body framed by Content-Length, by chunked transfer coding (extensions and trailers
/// skipped) or by the end of the connection. It keeps only what a load test reports: the status, the
/// <c>X-Served-By</c> value and whether the server closes the connection. Interim 1xx responses are skipped.
/// A malformed response throws <see cref="HttpRequestException"/> with <see cref="HttpRequestError.InvalidResponse"/>
/// (headers beyond <see cref="MaxHeaderBytes"/>: <see cref="HttpRequestError.ConfigurationLimitExceeded"/>), the
/// names HttpClient gives the same faults, so reports of both client paths read alike. Not thread-safe: one per connection.
/// </summary>
public sealed class Http1ResponseParser
{
    /// <summary>Status line, headers and trailers together, as HttpClient's default MaxResponseHeadersLength.</summary>
    public const int MaxHeaderBytes = 64 * 1024;

    private enum State { StatusLine, Headers, Body, ChunkSize, ChunkData, ChunkDataEnd, Trailers, UntilClose, Done }

    private readonly ServedByCache _servedBy = new();
    private State _state;
    private long _remaining;
    private long _contentLength;
    private bool _chunked, _closeHeader, _keepAliveHeader, _http10;
    private int _headerBytes;

    public Http1ResponseParser() => Reset();

    public int Status { get; private set; }

    public string? ServedBy { get; private set; }

    /// <summary>The server ends the connection after this response (Connection: close, HTTP/1.0, or a body read to the end).</summary>
    public bool ConnectionClose => _closeHeader || (_http10 && !_keepAliveHeader) || _state == State.UntilClose;

    /// <summary>Prepares for the next response on the same connection.</summary>
    public void Reset()
    {
        _state = State.StatusLine;
        Status = 0;
        ServedBy = null;
        _remaining = 0;
        _contentLength = -1;
        _chunked = _closeHeader = _keepAliveHeader = _http10 = false;
        _headerBytes = 0;
    }

    /// <summary>
    /// Consumes what it can of <paramref name="data"/>: whole lines of the head, any number of body bytes. The caller
    /// keeps the unconsumed rest (a partial line) and appends the next bytes to it.
    /// </summary>
    public ParseStatus Parse(ReadOnlySpan<byte> data, out int consumed)
    {
        consumed = 0;
        while (true)
        {
            if (_state == State.Done) return ParseStatus.Complete;
            if (_state == State.UntilClose)
            {
                consumed = data.Length;
                return ParseStatus.NeedMore;
            }
            if (_state is State.Body or State.ChunkData)
            {
                var take = (int)Math.Min(_remaining, data.Length - consumed);
                consumed += take;
                _remaining -= take;
                if (_remaining > 0) return ParseStatus.NeedMore;
                _state = _state == State.ChunkData ? State.ChunkDataEnd : State.Done;
                continue;
            }
            var rest = data[consumed..];
            var lf = rest.IndexOf((byte)'\n');
            if (lf < 0)
            {
                if (InHead && _headerBytes + rest.Length > MaxHeaderBytes) throw TooLarge();
                return ParseStatus.NeedMore;
            }
            if (lf == 0 || rest[lf - 1] != '\r') throw Invalid("a line ends without CRLF");
            if (InHead && (_headerBytes += lf + 1) > MaxHeaderBytes) throw TooLarge();
            consumed += lf + 1;
            OnLine(rest[..(lf - 1)]);
        }
    }

    /// <summary>The connection ended: completes a body read to the end, otherwise the response was cut short.</summary>
    public ParseStatus EndOfStream()
    {
        if (_state == State.UntilClose) return ParseStatus.Complete;
        throw new HttpRequestException(HttpRequestError.ResponseEnded, "the server closed the connection before the response was complete");
    }

    private bool InHead => _state is State.StatusLine or State.Headers or State.Trailers;

    private void OnLine(ReadOnlySpan<byte> line)
    {
        switch (_state)
        {
            case State.StatusLine: OnStatusLine(line); break;
            case State.Headers:
                if (line.IsEmpty) OnEndOfHeaders();
                else OnHeader(line);
                break;
            case State.ChunkSize: OnChunkSize(line); break;
            case State.ChunkDataEnd:
                if (!line.IsEmpty) throw Invalid("chunk data longer than its size");
                _state = State.ChunkSize;
                break;
            case State.Trailers:
                // Trailer fields carry nothing a load test reports; an empty line ends them.
                if (line.IsEmpty) _state = State.Done;
                else if (line.IndexOf((byte)':') <= 0) throw Invalid("a trailer line without a field name");
                break;
        }
    }

    private void OnStatusLine(ReadOnlySpan<byte> line)
    {
        // HTTP/1.x SP 3DIGIT [SP reason]
        if (line.Length < 12 || !line.StartsWith("HTTP/1."u8) || line[7] is not ((byte)'0' or (byte)'1') || line[8] != ' '
            || !IsDigit(line[9]) || !IsDigit(line[10]) || !IsDigit(line[11]) || (line.Length > 12 && line[12] != ' ')
            || line[9] is < (byte)'1' or > (byte)'5')
            throw Invalid($"not an HTTP/1.x status line: '{Printable(line)}'");
        _http10 = line[7] == '0';
        Status = (line[9] - '0') * 100 + (line[10] - '0') * 10 + (line[11] - '0');
        _state = State.Headers;
    }

    private void OnHeader(ReadOnlySpan<byte> line)
    {
        var colon = line.IndexOf((byte)':');
        if (colon <= 0) throw Invalid($"a header line without a field name: '{Printable(line)}'");
        var name = line[..colon];
        if (name.IndexOfAny((byte)' ', (byte)'\t') >= 0) throw Invalid("whitespace in a header name or a folded header line");
        var value = line[(colon + 1)..].Trim(" \t"u8);
        if (Ascii.EqualsIgnoreCase(name, "Content-Length"u8))
        {
            if (!Utf8Parser.TryParse(value, out long length, out var used) || used != value.Length || length < 0)
                throw Invalid($"invalid Content-Length '{Printable(value)}'");
            if (_contentLength >= 0 && _contentLength != length) throw Invalid("two different Content-Length values");
            _contentLength = length;
        }
        else if (Ascii.EqualsIgnoreCase(name, "Transfer-Encoding"u8))
        {
            if (!Ascii.EqualsIgnoreCase(value, "chunked"u8)) throw Invalid($"unsupported Transfer-Encoding '{Printable(value)}'");
            _chunked = true;
        }
        else if (Ascii.EqualsIgnoreCase(name, "Connection"u8))
        {
            foreach (var range in value.Split((byte)','))
            {
                var token = value[range].Trim(" \t"u8);
                if (Ascii.EqualsIgnoreCase(token, "close"u8)) _closeHeader = true;
                else if (Ascii.EqualsIgnoreCase(token, "keep-alive"u8)) _keepAliveHeader = true;
            }
        }
        else if (Ascii.EqualsIgnoreCase(name, "X-Served-By"u8))
        {
            ServedBy = _servedBy.Get(value);
        }
    }

    private void OnEndOfHeaders()
    {
        if (Status is >= 100 and < 200)
        {
            // 101 would switch protocols, which this client never asks for; other 1xx are interim, the real answer follows.
            if (Status == 101) throw Invalid("101 Switching Protocols without an upgrade request");
            Reset();
            return;
        }
        if (Status is 204 or 304) _state = State.Done;
        else if (_chunked) _state = State.ChunkSize; // chunked framing wins over a Content-Length (RFC 9112 6.3)
        else if (_contentLength >= 0)
        {
            _remaining = _contentLength;
            _state = _remaining == 0 ? State.Done : State.Body;
        }
        else _state = State.UntilClose;
    }

    private void OnChunkSize(ReadOnlySpan<byte> line)
    {
        var end = line.IndexOfAny((byte)';', (byte)' ', (byte)'\t');
        var digits = end < 0 ? line : line[..end];
        if (digits.IsEmpty || digits.Length > 15 || !Utf8Parser.TryParse(digits, out long size, out var used, 'X') || used != digits.Length)
            throw Invalid($"invalid chunk size '{Printable(line)}'");
        if (size == 0)
        {
            _state = State.Trailers;
            return;
        }
        _remaining = size;
        _state = State.ChunkData;
    }

    private static bool IsDigit(byte b) => b is >= (byte)'0' and <= (byte)'9';

    private static string Printable(ReadOnlySpan<byte> bytes) =>
        Encoding.Latin1.GetString(bytes.Length > 80 ? bytes[..80] : bytes);

    private static HttpRequestException Invalid(string message) =>
        new(HttpRequestError.InvalidResponse, $"invalid HTTP/1.1 response: {message}");

    private static HttpRequestException TooLarge() =>
        new(HttpRequestError.ConfigurationLimitExceeded, $"response headers longer than {MaxHeaderBytes} bytes");
}
