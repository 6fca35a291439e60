namespace MlService.Core.Stores;

/// <summary>
/// How to reach S3 or MinIO, by the names MLflow users know: MLFLOW_S3_ENDPOINT_URL, AWS_ACCESS_KEY_ID,
/// AWS_SECRET_ACCESS_KEY, AWS_DEFAULT_REGION, MLFLOW_S3_IGNORE_TLS. Secrets never appear in ToString().
/// </summary>
public sealed record S3Settings
{
    /// <summary>e.g. <c>http://minio:9000</c>; empty means AWS S3.</summary>
    public string? EndpointUrl { get; init; }
    public string? AccessKey { get; init; }
    public string? SecretKey { get; init; }
    public string Region { get; init; } = "us-east-1";
    public bool IgnoreTls { get; init; }

    public override string ToString() => $"S3Settings {{ EndpointUrl = {EndpointUrl}, Region = {Region}, IgnoreTls = {IgnoreTls}, AccessKey = {(string.IsNullOrEmpty(AccessKey) ? "unset" : "set")} }}";
}
