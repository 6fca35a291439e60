using System.Buffers;
using System.Text.Json;

namespace MlService.Api.Codecs;

/// <summary>
/// An <see cref="IResult"/> that writes its JSON straight into a buffer with <see cref="Utf8JsonWriter"/> and
/// sends it with a Content-Length: the prediction hot path allocates no intermediate objects.
/// </summary>
public sealed class JsonResponse(Action<Utf8JsonWriter> write, int statusCode = StatusCodes.Status200OK, string contentType = "application/json") : IResult
{
    private static readonly JsonWriterOptions WriterOptions = new() { Indented = false, SkipValidation = true };

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions)) write(writer);
        var response = httpContext.Response;
        response.StatusCode = statusCode;
        response.ContentType = contentType;
        response.ContentLength = buffer.WrittenCount;
        await response.Body.WriteAsync(buffer.WrittenMemory, httpContext.RequestAborted);
    }
}
