using System.Buffers;
using System.IO.Pipelines;
using Microsoft.Net.Http.Headers;
using MlService.Core.Errors;

namespace MlService.Api.Codecs;

/// <summary>
/// Reads a whole request body into one pooled buffer, enforcing the size limit while reading (413 as soon
/// as it is exceeded, before the rest arrives). Dispose returns the buffer.
/// </summary>
public sealed class RequestBody : IDisposable
{
    private byte[]? _rented;

    private RequestBody(byte[]? rented, ReadOnlyMemory<byte> data)
    {
        _rented = rented;
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
                var length = (int)buffer.Length;
                var rented = ArrayPool<byte>.Shared.Rent(Math.Max(length, 1));
                buffer.CopyTo(rented);
                reader.AdvanceTo(buffer.End);
                return new RequestBody(rented, rented.AsMemory(0, length));
            }
            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    /// <summary>415 unless the Content-Type is one of <paramref name="accepted"/> (parameters other than charset=utf-8 rejected).</summary>
    public static string RequireContentType(HttpRequest request, params string[] accepted)
    {
        var raw = request.ContentType;
        if (string.IsNullOrEmpty(raw) || !MediaTypeHeaderValue.TryParse(raw, out var media))
            throw new UnsupportedMediaTypeException($"send the body with Content-Type {string.Join(" or ", accepted)}");
        var type = media.MediaType.Value ?? "";
        if (!accepted.Contains(type, StringComparer.OrdinalIgnoreCase))
            throw new UnsupportedMediaTypeException($"Content-Type '{type}' is not supported here; use {string.Join(" or ", accepted)}");
        if (media.Charset.HasValue && !media.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) && !media.Charset.Equals("utf8", StringComparison.OrdinalIgnoreCase))
            throw new UnsupportedMediaTypeException($"charset '{media.Charset}' is not supported; the service reads UTF-8 only");
        return type.ToLowerInvariant();
    }

    public void Dispose()
    {
        if (_rented is null) return;
        ArrayPool<byte>.Shared.Return(_rented);
        _rented = null;
    }
}
