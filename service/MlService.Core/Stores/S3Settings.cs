namespace MlService.Core.Stores;

/// <summary>
/// How to reach S3 or MinIO, by the names MLflow users know: MLFLOW_S3_ENDPOINT_URL, AWS_ACCESS_KEY_ID,
/// AWS_SECRET_ACCESS_KEY, AWS_DEFAULT_REGION, MLFLOW_S3_IGNORE_TLS. Secrets never appear in ToString().
/// </summary>
public sealed record S3Settings
{
    /// <summary>e.g. <c>http://minio:9000</c> (scheme, host, optional port; path-style requests); empty means AWS S3.</summary>
    public string? EndpointUrl { get; init; }
    public string? AccessKey { get; init; }
    public string? SecretKey { get; init; }
    public string Region { get; init; } = "us-east-1";

    /// <summary>Accept any TLS certificate (self-signed MinIO). Off unless asked for, like MLflow.</summary>
    public bool IgnoreTls { get; init; }

    /// <summary>How long to wait for a TCP connection before calling the store unreachable.</summary>
    public int ConnectTimeoutSeconds { get; init; } = 10;

    /// <summary>Upper bound of one request, including the transfer of one whole object.</summary>
    public int RequestTimeoutSeconds { get; init; } = 300;

    /// <summary>
    /// Reads MLflow's environment variable names (the trainer CLI uses this; the server binds its own options).
    /// <paramref name="getVariable"/> defaults to the process environment.
    /// </summary>
    public static S3Settings FromEnvironment(Func<string, string?>? getVariable = null)
    {
        getVariable ??= Environment.GetEnvironmentVariable;
        string? Read(string name) => getVariable(name) is { Length: > 0 } value ? value.Trim() : null;
        return new S3Settings
        {
            EndpointUrl = Read("MLFLOW_S3_ENDPOINT_URL"),
            AccessKey = Read("AWS_ACCESS_KEY_ID"),
            SecretKey = Read("AWS_SECRET_ACCESS_KEY"),
            Region = Read("AWS_DEFAULT_REGION") ?? "us-east-1",
            IgnoreTls = Read("MLFLOW_S3_IGNORE_TLS")?.ToLowerInvariant() is "true" or "1" or "yes",
        };
    }

    public override string ToString() =>
        $"S3Settings {{ EndpointUrl = {EndpointUrl}, Region = {Region}, IgnoreTls = {IgnoreTls}, " +
        $"AccessKey = {(string.IsNullOrEmpty(AccessKey) ? "unset" : "set")}, SecretKey = {(string.IsNullOrEmpty(SecretKey) ? "unset" : "set")} }}";
}
