namespace MlService.Api.Tests.Reliability;

/// <summary>One generated bad request: what to send, and which mutation made it (for the failure message).</summary>
public sealed record HostileRequest(int Index, string Kind, HttpMethod Method, string Path, byte[] Body, string? ContentType, string ApiKey)
{
    public HttpRequestMessage ToMessage()
    {
        var message = new HttpRequestMessage(Method, Path);
        if (Method != HttpMethod.Get)
        {
            message.Content = new ByteArrayContent(Body);
            if (ContentType is not null) message.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
        }
        message.Headers.TryAddWithoutValidation("X-API-Key", ApiKey);
        return message;
    }

    public override string ToString()
    {
        var preview = System.Text.Encoding.UTF8.GetString(Body.AsSpan(0, Math.Min(Body.Length, 160)));
        return $"#{Index} {Kind}: {Method} {Path} [{ContentType}] {Body.Length} bytes: {preview}";
    }
}
