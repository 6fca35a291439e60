namespace MlService.Core.Tests.S3;

public sealed class S3SettingsTests
{
    [Fact]
    public void FromEnvironmentReadsMlflowVariableNames()
    {
        var environment = new Dictionary<string, string>
        {
            ["MLFLOW_S3_ENDPOINT_URL"] = "https://minio.internal:9000",
            ["AWS_ACCESS_KEY_ID"] = "mlflow",
            ["AWS_SECRET_ACCESS_KEY"] = "s3cr3t",
            ["AWS_DEFAULT_REGION"] = "eu-west-1",
            ["MLFLOW_S3_IGNORE_TLS"] = "true",
        };

        var settings = S3Settings.FromEnvironment(environment.GetValueOrDefault);

        Assert.Equal("https://minio.internal:9000", settings.EndpointUrl);
        Assert.Equal(("mlflow", "s3cr3t", "eu-west-1"), (settings.AccessKey, settings.SecretKey, settings.Region));
        Assert.True(settings.IgnoreTls);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("TRUE", true)]
    [InlineData("1", true)]
    [InlineData(" 1 ", true)]
    [InlineData("false", false)]
    [InlineData("False", false)]
    [InlineData("0", false)]
    [InlineData(null, false)]
    [InlineData("", false)]
    public void IgnoreTlsAcceptsWhatMlflowAccepts(string? value, bool expected)
    {
        var settings = S3Settings.FromEnvironment(name => name == "MLFLOW_S3_IGNORE_TLS" ? value : null);

        Assert.Equal(expected, settings.IgnoreTls);
    }

    [Theory]
    [InlineData("yes")]
    [InlineData("abc")]
    [InlineData("2")]
    public void AnIgnoreTlsValueMlflowRefusesIsAnErrorNamingTheVariable(string value)
    {
        var e = Assert.Throws<FormatException>(() => S3Settings.FromEnvironment(name => name == "MLFLOW_S3_IGNORE_TLS" ? value : null));

        Assert.Equal($"MLFLOW_S3_IGNORE_TLS: '{value}' is not a boolean; accepted: true, false, 1 or 0 (any case)", e.Message);
    }

    [Fact]
    public void MissingVariablesMeanAwsS3InUsEast1WithoutKeys()
    {
        var settings = S3Settings.FromEnvironment(_ => null);

        Assert.Equal((null, null, null, "us-east-1"), (settings.EndpointUrl, settings.AccessKey, settings.SecretKey, settings.Region));
    }

    [Fact]
    public void ToStringNeverShowsTheKeys()
    {
        var text = new S3Settings { EndpointUrl = "http://minio:9000", AccessKey = "AKIAEXAMPLE", SecretKey = "s3cr3t" }.ToString();

        Assert.Contains("http://minio:9000", text);
        Assert.DoesNotContain("s3cr3t", text);
        Assert.DoesNotContain("AKIAEXAMPLE", text);
    }

    [Theory]
    [InlineData("http://127.0.0.1:4568", "127.0.0.1", 4568, false)]
    [InlineData("https://minio.internal", "minio.internal", 443, true)]
    [InlineData("http://minio:9000/", "minio", 9000, false)]
    [InlineData(null, "s3.amazonaws.com", 443, true)]
    public void EndpointUrlsGiveHostPortAndTls(string? url, string host, int port, bool secure)
    {
        Assert.Equal(new S3Endpoint(host, port, secure), S3Endpoint.Parse(url));
    }

    [Theory]
    [InlineData("minio:9000", "http:// or https://")]
    [InlineData("ftp://minio:9000", "http:// or https://")]
    [InlineData("http://user:s3cr3t@minio:9000", "must not contain credentials")]
    [InlineData("http://minio:9000/bucket", "must not have a path")]
    public void InvalidEndpointUrlsAreRejectedWithTheReason(string url, string reason)
    {
        Assert.False(S3Endpoint.TryParse(url, out _, out var error));
        Assert.Contains(reason, error);
        Assert.DoesNotContain("s3cr3t", error);
    }

    [Theory]
    [InlineData("s3://models", "models", "")]
    [InlineData("s3://models/", "models", "")]
    [InlineData("s3://models/prod", "models", "prod/")]
    [InlineData("s3://mlflow/1/abc/artifacts/model/", "mlflow", "1/abc/artifacts/model/")]
    public void S3UrisSplitIntoBucketAndPrefix(string uri, string bucket, string prefix)
    {
        var location = S3Location.Parse(uri);

        Assert.Equal((bucket, prefix), (location.Bucket, location.Prefix));
        Assert.Equal(uri.TrimEnd('/'), location.ToString());
    }

    [Theory]
    [InlineData("s3://")]
    [InlineData("s3:///prod")]
    [InlineData("s3://Models/prod")]
    [InlineData("s3://models//prod")]
    public void S3UrisWithoutAValidBucketOrPathAreRejected(string uri)
    {
        Assert.Throws<FormatException>(() => S3Location.Parse(uri));
    }
}
