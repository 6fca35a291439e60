namespace MlService.Core.Tests.Stores;

public sealed class ModelUriTests
{
    [Theory]
    [InlineData("models:/heart-disease/3", "heart-disease", 3, null, false)]
    [InlineData("models:/heart-disease/latest", "heart-disease", null, null, true)]
    [InlineData("models:/heart-disease/LATEST", "heart-disease", null, null, true)]
    [InlineData("models:/heart_disease.v2@production", "heart_disease.v2", null, "production", true)]
    public void RegistryUrisParse(string text, string name, int? version, string? alias, bool moving)
    {
        var uri = ModelUri.Parse(text);

        Assert.Equal(ModelUriKind.Registry, uri.Kind);
        Assert.Equal(name, uri.Name);
        Assert.Equal(version, uri.Version);
        Assert.Equal(alias, uri.Alias);
        Assert.Equal(moving, uri.IsMoving);
    }

    [Fact]
    public void S3AndLocalUrisParse()
    {
        var s3 = ModelUri.Parse("s3://mlflow/1/abc123/artifacts/model/");
        var file = ModelUri.Parse("file:///data/models/heart");
        var path = ModelUri.Parse("relative/model");

        Assert.Equal((ModelUriKind.S3Directory, "s3://mlflow/1/abc123/artifacts/model"), (s3.Kind, s3.Location));
        Assert.Equal((ModelUriKind.LocalDirectory, "/data/models/heart"), (file.Kind, file.Location));
        Assert.Equal(ModelUriKind.LocalDirectory, path.Kind);
        Assert.True(Path.IsPathRooted(path.Location));
        Assert.False(s3.IsMoving);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("models:/", "not a registry URI")]
    [InlineData("models:/name/", "not a registry URI")]
    [InlineData("models:/bad name/1", "not a registry URI")]
    [InlineData("models:/name@", "not a registry URI")]
    [InlineData("s3://", "no bucket")]
    [InlineData("ftp://host/model", "unsupported scheme")]
    [InlineData("gs://bucket/model", "unsupported scheme")]
    [InlineData("runs:/", "not an MLflow artifact URI")]
    [InlineData("mlflow-artifacts:", "not an MLflow artifact URI")]
    public void BadUrisAreRejectedWithTheReason(string text, string reason)
    {
        Assert.False(ModelUri.TryParse(text, out _, out var error));
        Assert.Contains(reason, error);
    }
}
