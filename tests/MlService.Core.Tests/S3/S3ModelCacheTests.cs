namespace MlService.Core.Tests.S3;

/// <summary><see cref="ModelCache"/> fetching versions from a real S3 server into a local cache folder.</summary>
[Collection(S3ServerCollection.Name)]
public sealed class S3ModelCacheTests(S3Server s3) : IDisposable
{
    private readonly string _cacheDirectory = Path.Combine(Path.GetTempPath(), $"mlservice-cache-{Guid.NewGuid():N}");

    [Fact]
    public async Task APublishedVersionIsFetchedIntoTheCacheAndVerified()
    {
        var (store, model) = await PublishAsync();
        using var _ = model;

        var directory = await new ModelCache(_cacheDirectory).MaterializeAsync(store, ModelStore.VersionPrefix("heart-disease", 1));

        Assert.StartsWith(_cacheDirectory + Path.DirectorySeparatorChar, directory.Path);
        Assert.Equal("model.zip", directory.MlModel.FlavorData("mlnet"));
        foreach (var (file, content) in SampleModelDirectory.DefaultFiles)
            Assert.Equal(content, await File.ReadAllTextAsync(directory.Resolve(file)));
    }

    [Fact]
    public async Task AVersionWithATamperedObjectIsRejectedWithTheReason()
    {
        var (store, model) = await PublishAsync();
        using var _ = model;
        await store.WriteTextAsync("heart-disease/1/model.zip", "weights swapped after publishing");

        var error = await Assert.ThrowsAsync<ModelLoadException>(
            () => new ModelCache(_cacheDirectory).MaterializeAsync(store, ModelStore.VersionPrefix("heart-disease", 1)));

        Assert.Contains($"{store.Root}/heart-disease/1 was rejected", error.Message);
        Assert.Contains("'model.zip' has sha256", error.Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_cacheDirectory));
    }

    [Fact]
    public async Task AVersionWithAMissingFileIsRejectedWithTheReason()
    {
        var (store, model) = await PublishAsync();
        using var _ = model;
        await store.DeleteAsync("heart-disease/1/data/vocabulary.txt");

        var error = await Assert.ThrowsAsync<ModelLoadException>(
            () => new ModelCache(_cacheDirectory).MaterializeAsync(store, ModelStore.VersionPrefix("heart-disease", 1)));

        Assert.Contains("'data/vocabulary.txt' listed in MLmodel is missing", error.Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_cacheDirectory));
    }

    [Fact]
    public async Task AFolderWithoutMlModelIsNotAModel()
    {
        var store = s3.NewStore();
        await store.WriteTextAsync("heart-disease/1/model.zip", "weights but no MLmodel");

        var error = await Assert.ThrowsAsync<ModelLoadException>(
            () => new ModelCache(_cacheDirectory).MaterializeAsync(store, ModelStore.VersionPrefix("heart-disease", 1)));

        Assert.Contains("no MLmodel", error.Message);
    }

    [Fact]
    public async Task AVerifiedVersionIsNotFetchedAgainAfterARestart()
    {
        var (store, model) = await PublishAsync();
        using var _ = model;
        var prefix = ModelStore.VersionPrefix("heart-disease", 1);
        var first = await new ModelCache(_cacheDirectory).MaterializeAsync(store, prefix);
        var recording = new RecordingBlobStore(store);

        var afterRestart = await new ModelCache(_cacheDirectory).MaterializeAsync(recording, prefix);

        Assert.Empty(recording.Calls);
        Assert.Equal(first.Path, afterRestart.Path);
        afterRestart.VerifyChecksums();
    }

    [Fact]
    public async Task ConcurrentFetchesOfOneVersionLeaveOneIntactDirectory()
    {
        var (store, model) = await PublishAsync();
        using var _ = model;
        var cache = new ModelCache(_cacheDirectory);

        var results = await Task.WhenAll(Enumerable.Range(0, 8)
            .Select(_ => Task.Run(() => cache.MaterializeAsync(store, ModelStore.VersionPrefix("heart-disease", 1)))));

        Assert.Single(results.Select(r => r.Path).Distinct());
        Assert.Equal([results[0].Path], Directory.EnumerateFileSystemEntries(_cacheDirectory));
        results[0].VerifyChecksums();
        Assert.Equal(
            SampleModelDirectory.DefaultFiles.Keys.Append(MlModelFile.FileName).Order(StringComparer.Ordinal),
            Directory.EnumerateFiles(results[0].Path, "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(results[0].Path, f).Replace('\\', '/'))
                .Where(f => !f.StartsWith('.'))
                .Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task AnMlflowRunArtifactDirectoryIsFetchedAsAModel()
    {
        var run = Guid.NewGuid().ToString("N");
        using var model = SampleModelDirectory.Create(runId: run);
        var artifacts = new S3BlobStore(S3Location.Parse($"s3://mlflow/1/{run}/artifacts/model"), s3.Connection);
        foreach (var file in Directory.EnumerateFiles(model.Path, "*", SearchOption.AllDirectories))
        {
            await using var content = File.OpenRead(file);
            await artifacts.WriteAsync(Path.GetRelativePath(model.Path, file).Replace('\\', '/'), content);
        }

        var directory = await new ModelCache(_cacheDirectory).MaterializeAsync(artifacts, "");

        Assert.Equal(run, directory.MlModel.RunId);
        Assert.Equal("alpha\nbeta\n", await File.ReadAllTextAsync(directory.Resolve("data/vocabulary.txt")));
    }

    public void Dispose()
    {
        if (Directory.Exists(_cacheDirectory)) Directory.Delete(_cacheDirectory, recursive: true);
    }

    private async Task<(S3BlobStore Store, SampleModelDirectory Model)> PublishAsync()
    {
        var store = s3.NewStore();
        var model = SampleModelDirectory.Create();
        await new ModelStore(store).PublishAsync("heart-disease", model.Path);
        return (store, model);
    }
}
