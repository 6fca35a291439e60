using System.Buffers;
using System.IO.Pipelines;
using Microsoft.Net.Http.Headers;
using MlService.Core.Errors;

namespace MlService.Api.Codecs;

/// <summary>
/// Reads a whole request body, enforcing the size limit while reading (413 as soon as it is exceeded, before the
/// rest arrives). A body that arrived in one segment of Kestrel's pipe is used where it lies (the pipe is advanced
/// past it on Dispose); one spread over several segments is copied into one pooled buffer (returned on Dispose).
/// </summary>
public sealed class RequestBody : IDisposable
{
    private byte[]? _rented;
    private PipeReader? _reader;
    private SequencePosition _end;

    private RequestBody(byte[]? rented, ReadOnlyMemory<byte> data, PipeReader? reader = null, SequencePosition end = default)
    {
        _rented = rented;
        _reader = reader;
        _end = end;
        Data = data;
    }

    public ReadOnlyMemory<byte> Data { get; }

    public static async Task<RequestBody> ReadAsync(HttpRequest request, int maxBytes, CancellationToken ct)
    {
        if (request.ContentLength > maxBytes)
            throw new PayloadTooLargeException($"the request body has {request.ContentLength} bytes; at most {maxBytes} are allowed");
        var reader = request.BodyReader;
        while (true)
        {
            ReadResult result;
            try
            {
                result = await reader.ReadAsync(ct);
            }
            catch (BadHttpRequestException e)
            {
                throw new MalformedRequestException($"the request body could not be read: {e.Message}", inner: e);
            }
            var buffer = result.Buffer;
            if (buffer.Length > maxBytes)
            {
                reader.AdvanceTo(buffer.Start, buffer.End);
                throw new PayloadTooLargeException($"the request body exceeds {maxBytes} bytes");
            }
            // IsCanceled is not the end of the body (Kestrel cancels pending reads when it starts to shut down): read on.
            if (result.IsCompleted)
            {
                if (buffer.IsSingleSegment) return new RequestBody(null, buffer.First, reader, buffer.End);
                var length = (int)buffer.Length;
                var rented = ArrayPool<byte>.Shared.Rent(Math.Max(length, 1));
                buffer.CopyTo(rented);
                reader.AdvanceTo(buffer.End);
                return new RequestBody(rented, rented.AsMemory(0, length));
            }
            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    /// <summary>
    /// 415 unless the Content-Type is one of <paramref name="accepted"/> (lower-case media types; parameters other
    /// than charset=utf-8 rejected). Returns the accepted type that matched.
    /// </summary>
    public static string RequireContentType(HttpRequest request, params ReadOnlySpan<string> accepted)
    {
        var raw = request.ContentType;
        // The usual headers ("application/json", "application/json; charset=utf-8") without parsing them.
        foreach (var type in accepted)
        {
            if (string.Equals(raw, type, StringComparison.OrdinalIgnoreCase)) return type;
            if (raw is not null && raw.Length == type.Length + Utf8Charset.Length && raw.StartsWith(type, StringComparison.OrdinalIgnoreCase)
                && raw.AsSpan(type.Length).Equals(Utf8Charset, StringComparison.OrdinalIgnoreCase)) return type;
        }
        var expected = string.Join(" or ", accepted);
        if (string.IsNullOrEmpty(raw) || !MediaTypeHeaderValue.TryParse(raw, out var media))
            throw new UnsupportedMediaTypeException($"send the body with Content-Type {expected}");
        var parsed = media.MediaType.Value ?? "";
        var match = -1;
        for (var i = 0; i < accepted.Length && match < 0; i++)
            if (string.Equals(accepted[i], parsed, StringComparison.OrdinalIgnoreCase)) match = i;
        if (match < 0)
            throw new UnsupportedMediaTypeException($"Content-Type '{parsed}' is not supported here; use {expected}");
        if (media.Charset.HasValue && !media.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) && !media.Charset.Equals("utf8", StringComparison.OrdinalIgnoreCase))
            throw new UnsupportedMediaTypeException($"charset '{media.Charset}' is not supported; the service reads UTF-8 only");
        return accepted[match];
    }

    private const string Utf8Charset = "; charset=utf-8";

    public void Dispose()
    {
        if (_reader is not null)
        {
            _reader.AdvanceTo(_end);
            _reader = null;
        }
        if (_rented is null) return;
        ArrayPool<byte>.Shared.Return(_rented);
        _rented = null;
    }
}
