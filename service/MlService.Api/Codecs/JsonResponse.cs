using System.Buffers;

namespace MlService.Api.Codecs;

/// <summary>
/// An <see cref="IResult"/> that writes its JSON straight into a buffer with <see cref="Utf8JsonWriter"/> and
/// sends it with a Content-Length: the prediction hot path allocates no intermediate objects, and the buffer and
/// writer are reused by the next response on the same thread.
/// </summary>
public sealed class JsonResponse(Action<Utf8JsonWriter> write, int statusCode = StatusCodes.Status200OK, string contentType = "application/json") : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var buffer = ResponseBuffer.Rent();
        try
        {
            write(buffer.Writer);
            buffer.Writer.Flush();
            var response = httpContext.Response;
            response.StatusCode = statusCode;
            response.ContentType = contentType;
            response.ContentLength = buffer.Bytes.WrittenCount;
            await response.Body.WriteAsync(buffer.Bytes.WrittenMemory, httpContext.RequestAborted);
        }
        finally
        {
            ResponseBuffer.Return(buffer);
        }
    }

    /// <summary>One response's bytes and JSON writer, cached per thread; a buffer grown past <see cref="KeepAtMost"/> is dropped, not kept.</summary>
    private sealed class ResponseBuffer
    {
        private const int KeepAtMost = 256 * 1024;
        private static readonly JsonWriterOptions WriterOptions = new() { Indented = false, SkipValidation = true };

        [ThreadStatic] private static ResponseBuffer? _cached;

        private ResponseBuffer()
        {
            Bytes = new ArrayBufferWriter<byte>(512);
            Writer = new Utf8JsonWriter(Bytes, WriterOptions);
        }

        public ArrayBufferWriter<byte> Bytes { get; }
        public Utf8JsonWriter Writer { get; }

        public static ResponseBuffer Rent()
        {
            var buffer = _cached;
            if (buffer is null) return new ResponseBuffer();
            _cached = null;
            return buffer;
        }

        /// <summary>The await before this may have moved the request to another thread: the buffer goes to that thread's slot.</summary>
        public static void Return(ResponseBuffer buffer)
        {
            buffer.Bytes.ResetWrittenCount();
            buffer.Writer.Reset(buffer.Bytes);
            if (buffer.Bytes.Capacity <= KeepAtMost) _cached = buffer;
        }
    }
}
