using MlService.Trainer.Stores;

namespace MlService.Core.Tests.Trainer;

public sealed class S3SettingsFromEnvironmentTests
{
    [Fact]
    public void ReadsTheMlflowEnvironmentNames()
    {
        var env = new Dictionary<string, string>
        {
            ["MLFLOW_S3_ENDPOINT_URL"] = "http://127.0.0.1:9000",
            ["AWS_ACCESS_KEY_ID"] = "minio",
            ["AWS_SECRET_ACCESS_KEY"] = "minio-secret",
            ["AWS_DEFAULT_REGION"] = "eu-west-1",
            ["MLFLOW_S3_IGNORE_TLS"] = "true",
        };

        var settings = S3SettingsFromEnvironment.Read(env.GetValueOrDefault);

        Assert.Equal("http://127.0.0.1:9000", settings.EndpointUrl);
        Assert.Equal("minio", settings.AccessKey);
        Assert.Equal("minio-secret", settings.SecretKey);
        Assert.Equal("eu-west-1", settings.Region);
        Assert.True(settings.IgnoreTls);
        Assert.DoesNotContain("minio-secret", settings.ToString());
    }

    [Fact]
    public void UnsetVariablesGiveAwsDefaults()
    {
        var settings = S3SettingsFromEnvironment.Read(_ => null);

        Assert.Null(settings.EndpointUrl);
        Assert.Null(settings.AccessKey);
        Assert.Equal("us-east-1", settings.Region);
        Assert.False(settings.IgnoreTls);
    }
}
