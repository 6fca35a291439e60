using System.Net.Http;

namespace MlService.LoadTest.Http1;

/// <summary>
/// Reads one response after another from a byte source through one reusable receive buffer and an
/// <see cref="Http1ResponseParser"/>. A partial line stays in the buffer until the rest arrives; the buffer grows
/// only for a header line longer than itself, up to the parser's header limit. Not thread-safe: one per connection.
/// </summary>
public sealed class Http1ResponseReader(IByteSource source, int initialBufferSize = 8 * 1024)
{
    private readonly Http1ResponseParser _parser = new();
    private byte[] _buffer = new byte[initialBufferSize];
    private int _start, _end;

    /// <summary>Whether any byte of the response now being read arrived (on a reused connection the server had closed, none does).</summary>
    public bool ReceivedAny { get; private set; }

    public async ValueTask<Http1Response> ReadAsync()
    {
        _parser.Reset();
        while (true)
        {
            if (_end > _start)
            {
                var status = _parser.Parse(_buffer.AsSpan(_start, _end - _start), out var consumed);
                _start += consumed;
                if (status == ParseStatus.Complete)
                {
                    // No request is pipelined, so bytes after the response are a protocol fault: do not reuse the connection.
                    var leftover = _end > _start;
                    _start = _end = 0;
                    ReceivedAny = false;
                    return new Http1Response(_parser.Status, _parser.ServedBy, _parser.ConnectionClose || leftover);
                }
            }
            MakeRoom();
            var read = await source.ReceiveAsync(_buffer.AsMemory(_end));
            if (read == 0)
            {
                _parser.EndOfStream();
                _start = _end = 0;
                ReceivedAny = false;
                return new Http1Response(_parser.Status, _parser.ServedBy, ConnectionClose: true);
            }
            ReceivedAny = true;
            _end += read;
        }
    }

    /// <summary>Moves a partial line to the front of the buffer, growing it when the line fills it all.</summary>
    private void MakeRoom()
    {
        if (_start == _end) _start = _end = 0;
        else if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }
        if (_end < _buffer.Length) return;
        if (_buffer.Length > Http1ResponseParser.MaxHeaderBytes)
            throw new HttpRequestException(HttpRequestError.ConfigurationLimitExceeded, $"a response header line longer than {Http1ResponseParser.MaxHeaderBytes} bytes");
        Array.Resize(ref _buffer, _buffer.Length * 2);
    }
}
