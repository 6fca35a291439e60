namespace MlService.Core.Stores.S3;

/// <summary>
/// Where S3 requests go: host, port and whether TLS is used, from an endpoint URL such as
/// <c>http://minio:9000</c>. No URL means AWS S3 over https.
/// </summary>
public sealed record S3Endpoint(string Host, int Port, bool Secure)
{
    public static readonly S3Endpoint AwsS3 = new("s3.amazonaws.com", 443, true);

    public static bool TryParse(string? endpointUrl, out S3Endpoint endpoint, out string error)
    {
        endpoint = AwsS3;
        error = "";
        if (string.IsNullOrWhiteSpace(endpointUrl)) return true;
        var text = endpointUrl.Trim();
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            error = $"S3 endpoint '{text}' must be an http:// or https:// URL such as http://minio:9000";
            return false;
        }
        // Credentials in the URL would end up in logs and messages; they belong in the key settings.
        if (uri.UserInfo.Length > 0)
        {
            error = "S3 endpoint URL must not contain credentials: set the access and secret key settings instead";
            return false;
        }
        if (uri.AbsolutePath != "/" || uri.Query.Length > 0)
        {
            error = $"S3 endpoint '{uri.GetLeftPart(UriPartial.Authority)}' must not have a path or query: requests use path-style bucket addressing";
            return false;
        }
        endpoint = new S3Endpoint(uri.IdnHost, uri.Port, uri.Scheme == Uri.UriSchemeHttps);
        return true;
    }

    public static S3Endpoint Parse(string? endpointUrl) =>
        TryParse(endpointUrl, out var endpoint, out var error) ? endpoint : throw new FormatException(error);

    /// <summary>The endpoint as a URL, for messages.</summary>
    public override string ToString()
    {
        var scheme = Secure ? "https" : "http";
        var defaultPort = Secure ? 443 : 80;
        var host = Host.Contains(':') ? $"[{Host}]" : Host;
        return Port == defaultPort ? $"{scheme}://{host}" : $"{scheme}://{host}:{Port}";
    }
}
