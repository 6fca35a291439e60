namespace MlService.Core.Tests.S3;

/// <summary>Bare model files named directly by an s3:// URI: a file, or a folder holding one model file and no MLmodel.</summary>
[Collection(S3ServerCollection.Name)]
public sealed class S3BareModelTests(S3Server s3) : IDisposable
{
    private readonly string _cacheDirectory = Path.Combine(Path.GetTempPath(), $"mlservice-cache-{Guid.NewGuid():N}");

    [Theory]
    [InlineData("models/trees.onnx")]
    [InlineData("models")]
    public async Task ABareOnnxFileInS3IsFetchedAndServes(string prefix)
    {
        var store = s3.NewStore();
        await using (var bytes = new MemoryStream(OnnxTestModels.Trees().ToBytes())) await store.WriteAsync("models/trees.onnx", bytes);

        var directory = await new ModelCache(_cacheDirectory).MaterializeAsync(store, prefix, bare: true);
        using var model = new OnnxModelRuntime().Load(directory);

        Assert.StartsWith(_cacheDirectory + Path.DirectorySeparatorChar, directory.Path);
        var output = model.Predict(new Frame(1, [FrameColumn.Create("X", DataKind.Float32, new[] { 0.5f, 1f, 2f }, width: 3)]));
        Assert.Equal(OnnxTestModels.TreesByHand(0.5f, 1f, 2f), output["variable"].As<float>()[0]);
    }

    [Fact]
    public async Task ARegistryVersionStillNeedsItsMlModel()
    {
        var store = s3.NewStore();
        await using (var bytes = new MemoryStream(OnnxTestModels.Trees().ToBytes())) await store.WriteAsync("trees/1/model.onnx", bytes);

        var error = await Assert.ThrowsAsync<ModelLoadException>(
            () => new ModelCache(_cacheDirectory).MaterializeAsync(store, ModelStore.VersionPrefix("trees", 1)));

        Assert.Contains("no MLmodel", error.Message);
    }

    public void Dispose()
    {
        if (Directory.Exists(_cacheDirectory)) Directory.Delete(_cacheDirectory, recursive: true);
    }
}
