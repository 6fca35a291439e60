using System.Buffers;
using System.IO.Pipelines;
using Microsoft.Net.Http.Headers;

namespace MlService.Api.Codecs;

/// <summary>
/// Reads a whole request body, enforcing the size limit while reading (413 as soon as it is exceeded, before the
/// rest arrives). A body that arrived whole in one segment of Kestrel's pipe is used where it lies (the pipe is
/// advanced past it on Dispose); a larger one is copied into one pooled buffer as it arrives (returned on Dispose).
/// </summary>
public sealed class PooledRequestBody : IDisposable
{
    /// <summary>
    /// Body buffers come from their own small pool: the shared pool keeps up to 32 arrays per size per core plus
    /// one per thread, so after a burst of large batches it would hold tens of MiB of request bodies.
    /// </summary>
    private static readonly ArrayPool<byte> BodyPool = ArrayPool<byte>.Create(maxArrayLength: 64 * 1024 * 1024, maxArraysPerBucket: 4);

    private byte[]? _rented;
    private PipeReader? _reader;
    private SequencePosition _end;

    private PooledRequestBody(byte[]? rented, ReadOnlyMemory<byte> data, PipeReader? reader = null, SequencePosition end = default)
    {
        _rented = rented;
        _reader = reader;
        _end = end;
        Data = data;
    }

    public ReadOnlyMemory<byte> Data { get; }

    public static async Task<PooledRequestBody> ReadAsync(HttpRequest request, int maxBytes, CancellationToken ct)
    {
        if (request.ContentLength > maxBytes)
            throw new PayloadTooLargeException($"the request body has {request.ContentLength} bytes; at most {maxBytes} are allowed");
        var reader = request.BodyReader;
        byte[]? rented = null;
        var length = 0;
        try
        {
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
                if (length + buffer.Length > maxBytes)
                {
                    reader.AdvanceTo(buffer.Start, buffer.End);
                    throw new PayloadTooLargeException($"the request body exceeds {maxBytes} bytes");
                }
                if (result.IsCompleted && rented is null && buffer.IsSingleSegment)
                    return new PooledRequestBody(null, buffer.First, reader, buffer.End);
                // Copy what has arrived and release it, so a large body is held once (here), not also in the pipe's blocks.
                // IsCanceled is not the end of the body (Kestrel cancels pending reads when it starts to shut down): read on.
                rented = EnsureCapacity(rented, length, length + (int)buffer.Length, request.ContentLength);
                buffer.CopyTo(rented.AsSpan(length));
                length += (int)buffer.Length;
                reader.AdvanceTo(buffer.End);
                if (result.IsCompleted)
                {
                    var body = new PooledRequestBody(rented, rented.AsMemory(0, length));
                    rented = null;
                    return body;
                }
            }
        }
        finally
        {
            if (rented is not null) BodyPool.Return(rented);
        }
    }

    /// <summary>A pooled buffer for at least <paramref name="needed"/> bytes: the declared length at once, else doubling.</summary>
    private static byte[] EnsureCapacity(byte[]? current, int used, int needed, long? declaredLength)
    {
        if (current is not null && current.Length >= needed) return current;
        var size = current is null && declaredLength >= needed ? (int)declaredLength.Value : Math.Max(needed, Math.Max(4096, (current?.Length ?? 0) * 2));
        var larger = BodyPool.Rent(size);
        if (current is not null)
        {
            current.AsSpan(0, used).CopyTo(larger);
            BodyPool.Return(current);
        }
        return larger;
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
        BodyPool.Return(_rented);
        _rented = null;
    }
}
