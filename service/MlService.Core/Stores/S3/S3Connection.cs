using Minio;

namespace MlService.Core.Stores.S3;

/// <summary>
/// One Minio client for an endpoint and its credentials, shared by every <see cref="S3BlobStore"/> opened with
/// the same settings. Thread-safe (the Minio client and its HttpClient are). Knows the secret only to keep it
/// out of error messages.
/// </summary>
public sealed class S3Connection
{
    private readonly string? _secret;

    private S3Connection(IMinioClient client, S3Endpoint endpoint, TimeSpan requestTimeout, string? secret)
    {
        Client = client;
        Endpoint = endpoint;
        RequestTimeout = requestTimeout;
        _secret = string.IsNullOrEmpty(secret) ? null : secret;
    }

    public IMinioClient Client { get; }
    public S3Endpoint Endpoint { get; }
    public TimeSpan RequestTimeout { get; }

    /// <summary>
    /// Builds the client; throws <see cref="StoreUnavailableException"/> when the endpoint URL is invalid or the
    /// keys are missing (the Minio SDK cannot send unsigned requests, and instance roles are not used).
    /// </summary>
    public static S3Connection Create(S3Settings settings)
    {
        if (!S3Endpoint.TryParse(settings.EndpointUrl, out var endpoint, out var error)) throw new StoreUnavailableException(error);
        if (string.IsNullOrEmpty(settings.AccessKey) || string.IsNullOrEmpty(settings.SecretKey))
            throw new StoreUnavailableException(
                $"S3 endpoint {endpoint}: no credentials; set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (MlService:Store:S3:AccessKey and SecretKey)");
        var requestTimeout = TimeSpan.FromSeconds(Math.Clamp(settings.RequestTimeoutSeconds, 1, 86_400));
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = TimeSpan.FromSeconds(Math.Clamp(settings.ConnectTimeoutSeconds, 1, 3_600)),
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        };
        // Only on request (MLFLOW_S3_IGNORE_TLS): a self-signed MinIO inside a cluster.
        if (settings.IgnoreTls) handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;

        var client = new MinioClient()
            .WithEndpoint(endpoint.Host, endpoint.Port)
            .WithSSL(endpoint.Secure)
            .WithRegion(settings.Region)
            .WithHttpClient(new HttpClient(handler), disposeHttpClient: true)
            // Minio applies this per request through its own cancellation, not via HttpClient.Timeout.
            .WithTimeout((int)requestTimeout.TotalMilliseconds)
            .WithCredentials(settings.AccessKey, settings.SecretKey);
        return new S3Connection(client.Build(), endpoint, requestTimeout, settings.SecretKey);
    }

    /// <summary>Removes the secret from text that came from the SDK or the server before it goes into a message.</summary>
    public string Redact(string text) => _secret is null ? text : text.Replace(_secret, "***", StringComparison.Ordinal);
}
