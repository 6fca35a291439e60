namespace MlService.Core.Tests.Stores;

public sealed class ModelStoreTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("mlservice-store-").FullName;
    private readonly ModelStore _store;

    public ModelStoreTests() => _store = new ModelStore(new FileBlobStore(Path.Combine(_root, "store")));

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string ModelDir(string content)
    {
        var dir = Directory.CreateTempSubdirectory("model-").FullName;
        File.WriteAllText(Path.Combine(dir, "model.bin"), content);
        Directory.CreateDirectory(Path.Combine(dir, "extra"));
        File.WriteAllText(Path.Combine(dir, "extra", "notes.txt"), "n");
        new MlModelFile
        {
            Flavors = new() { ["mlnet"] = new() { ["data"] = "model.bin" } },
            MlService = new MlServiceSection { Files = ModelDirectory.HashFiles(dir) },
        }.Save(dir);
        return dir;
    }

    [Fact]
    public async Task PublishAssignsConsecutiveVersionsAndCopiesEveryFile()
    {
        var v1 = await _store.PublishAsync("m", ModelDir("one"));
        var v2 = await _store.PublishAsync("m", ModelDir("two"));

        Assert.Equal((1, 2), (v1, v2));
        Assert.Equal([1, 2], (await _store.ListVersionsAsync("m")).Select(v => v.Version));
        Assert.Equal("two", File.ReadAllText(Path.Combine(_root, "store", "m", "2", "model.bin")));
        Assert.True(File.Exists(Path.Combine(_root, "store", "m", "2", "extra", "notes.txt")));
        Assert.Equal(["m"], await _store.ListModelsAsync());
        Assert.Equal(2, await _store.LatestVersionAsync("m"));
    }

    [Fact]
    public async Task AliasesPointAtExistingVersionsOnly()
    {
        await _store.PublishAsync("m", ModelDir("one"));
        await _store.PublishAsync("m", ModelDir("two"));

        await _store.SetAliasAsync("m", "production", 1);
        await _store.SetAliasAsync("m", "staging", 2);
        await _store.SetAliasAsync("m", "production", 2);

        Assert.Equal(2, await _store.GetAliasAsync("m", "production"));
        Assert.Equal(new Dictionary<string, int> { ["production"] = 2, ["staging"] = 2 }, await _store.ListAliasesAsync("m"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => _store.SetAliasAsync("m", "production", 9));
        Assert.Null(await _store.GetAliasAsync("m", "nope"));
    }

    [Fact]
    public async Task AVersionWithoutItsMlmodelDoesNotExistYet()
    {
        var partial = Path.Combine(_root, "store", "m", "1");
        Directory.CreateDirectory(partial);
        File.WriteAllText(Path.Combine(partial, "model.bin"), "half uploaded");

        Assert.Empty(await _store.ListVersionsAsync("m"));
        Assert.Null(await _store.ResolveAsync(ModelUri.Parse("models:/m/latest")));
        Assert.Equal(2, await _store.PublishAsync("m", ModelDir("next")));
        Assert.Equal("half uploaded", File.ReadAllText(Path.Combine(partial, "model.bin")));
    }

    [Fact]
    public async Task RegistryUrisResolveToVersions()
    {
        await _store.PublishAsync("m", ModelDir("one"));
        await _store.PublishAsync("m", ModelDir("two"));
        await _store.SetAliasAsync("m", "champion", 1);

        Assert.Equal(2, await _store.ResolveAsync(ModelUri.Parse("models:/m/latest")));
        Assert.Equal(1, await _store.ResolveAsync(ModelUri.Parse("models:/m@champion")));
        Assert.Equal(2, await _store.ResolveAsync(ModelUri.Parse("models:/m/2")));
        Assert.Null(await _store.ResolveAsync(ModelUri.Parse("models:/m/7")));
        Assert.Null(await _store.ResolveAsync(ModelUri.Parse("models:/other/latest")));
    }

    [Fact]
    public async Task PublishingADirectoryWithoutMlmodelIsRefused()
    {
        var dir = Directory.CreateTempSubdirectory().FullName;

        await Assert.ThrowsAsync<FileNotFoundException>(() => _store.PublishAsync("m", dir));
    }

    [Fact]
    public async Task ALocalVersionIsServedInPlaceAndItsChecksumsAreVerified()
    {
        await _store.PublishAsync("m", ModelDir("one"));
        var cache = new ModelCache(Path.Combine(_root, "cache"));

        var directory = await cache.MaterializeAsync(_store.Blobs, ModelStore.VersionPrefix("m", 1));
        Assert.Equal(Path.Combine(_root, "store", "m", "1"), directory.Path);

        File.WriteAllText(Path.Combine(_root, "store", "m", "1", "model.bin"), "tampered");
        var error = await Assert.ThrowsAsync<Core.Errors.ModelLoadException>(() => cache.MaterializeAsync(_store.Blobs, ModelStore.VersionPrefix("m", 1)));
        Assert.Contains("model.bin", error.Message);
        Assert.Contains("sha256", error.Message);
    }
}
