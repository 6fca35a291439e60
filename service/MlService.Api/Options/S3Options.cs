namespace MlService.Api.Options;

/// <summary>
/// S3/MinIO access. Env: <c>MlService__Store__S3__EndpointUrl</c>, or MLflow's names <c>MLFLOW_S3_ENDPOINT_URL</c>,
/// <c>AWS_ACCESS_KEY_ID</c>, <c>AWS_SECRET_ACCESS_KEY</c>, <c>AWS_DEFAULT_REGION</c>, <c>MLFLOW_S3_IGNORE_TLS</c>.
/// Keys come from the environment or a Secret only; they are never logged.
/// </summary>
public sealed class S3Options
{
    public string? EndpointUrl { get; set; }
    public string? AccessKey { get; set; }
    public string? SecretKey { get; set; }
    public string Region { get; set; } = "us-east-1";
    public bool IgnoreTls { get; set; }

    /// <summary>Time to open a connection to the endpoint before the store counts as unreachable.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 600)]
    public int ConnectTimeoutSeconds { get; set; } = 10;

    /// <summary>Upper bound of one request, including the transfer of one whole object.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 86_400)]
    public int RequestTimeoutSeconds { get; set; } = 300;
}
