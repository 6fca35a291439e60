using MlService.Core.Stores;

namespace MlService.Trainer.Stores;

/// <summary>
/// S3 settings from the environment names MLflow users already set: MLFLOW_S3_ENDPOINT_URL,
/// AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_DEFAULT_REGION (default us-east-1), MLFLOW_S3_IGNORE_TLS (true/1/yes).
/// </summary>
public static class S3SettingsFromEnvironment
{
    public static S3Settings Read(Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var region = environment("AWS_DEFAULT_REGION");
        return new S3Settings
        {
            EndpointUrl = Blank(environment("MLFLOW_S3_ENDPOINT_URL")),
            AccessKey = Blank(environment("AWS_ACCESS_KEY_ID")),
            SecretKey = Blank(environment("AWS_SECRET_ACCESS_KEY")),
            Region = string.IsNullOrWhiteSpace(region) ? "us-east-1" : region.Trim(),
            IgnoreTls = environment("MLFLOW_S3_IGNORE_TLS")?.Trim().ToLowerInvariant() is "true" or "1" or "yes",
        };
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
