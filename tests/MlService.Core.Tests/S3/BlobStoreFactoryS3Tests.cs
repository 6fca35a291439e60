namespace MlService.Core.Tests.S3;

public sealed class BlobStoreFactoryS3Tests
{
    [Fact]
    public void S3RootsOpenAnS3StoreShownWithoutCredentials()
    {
        var factory = new BlobStoreFactory(new S3Settings { EndpointUrl = "http://127.0.0.1:9000", AccessKey = "key", SecretKey = "s3cr3t" });

        var store = factory.Open("s3://models/prod");

        var s3 = Assert.IsType<S3BlobStore>(store);
        Assert.Equal("s3://models/prod", s3.Root);
        Assert.Equal(new S3Location("models", "prod/"), s3.Location);
    }

    [Fact]
    public void OtherRootsOpenAFileStore()
    {
        var factory = new BlobStoreFactory(new S3Settings());
        var folder = Path.Combine(Path.GetTempPath(), "mlservice-factory");

        Assert.IsType<FileBlobStore>(factory.Open(folder));
        Assert.IsType<FileBlobStore>(factory.Open(new Uri(folder).AbsoluteUri));
    }

    [Fact]
    public void AnInvalidEndpointMakesS3RootsUnavailableWithTheReason()
    {
        var factory = new BlobStoreFactory(new S3Settings { EndpointUrl = "minio:9000", SecretKey = "s3cr3t" });

        var error = Assert.Throws<StoreUnavailableException>(() => factory.Open("s3://models"));

        Assert.Contains("'minio:9000' must be an http:// or https:// URL", error.Message);
        Assert.DoesNotContain("s3cr3t", error.Message);
    }

    [Fact]
    public void MissingKeysMakeS3RootsUnavailableNamingTheSettings()
    {
        var factory = new BlobStoreFactory(new S3Settings { EndpointUrl = "http://127.0.0.1:9000" });

        var error = Assert.Throws<StoreUnavailableException>(() => factory.Open("s3://models"));

        Assert.Contains("no credentials", error.Message);
        Assert.Contains("AWS_ACCESS_KEY_ID", error.Message);
    }
}
