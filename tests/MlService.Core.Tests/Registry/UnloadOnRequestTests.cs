using MlService.Core.Registry;

namespace MlService.Core.Tests.Registry;

/// <summary>A model unloaded on request (V2 repository API) stays unloaded until asked to load, whatever polls do meanwhile.</summary>
public sealed class UnloadOnRequestTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("mlservice-unload-").FullName;
    private readonly ModelStore _store;
    private readonly ModelLoader _loader;

    public UnloadOnRequestTests()
    {
        var storeRoot = Path.Combine(_root, "store");
        _store = new ModelStore(new FileBlobStore(storeRoot));
        var source = new ModelSource(new BlobStoreFactory(new S3Settings()), storeRoot, new ModelCache(Path.Combine(_root, "cache")));
        _loader = new ModelLoader(source, new ModelRuntimes([new FakeRuntime()]));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task AnUnloadedModelIsNotFoundAndPollsDoNotLoadItUntilAllowed()
    {
        await _store.PublishAsync("m", FakeRuntime.Publish(_root, "v1"));
        var model = new ServedModel("m", ModelUri.Parse("models:/m/latest"));
        await _loader.RefreshAsync(model, CancellationToken.None);
        var registry = new ModelRegistry([model, new ServedModel("other", ModelUri.Parse("models:/m/1"))]);
        await _loader.RefreshAsync(registry.Get("other"), CancellationToken.None);

        model.UnloadOnRequest();
        var poll = await _loader.RefreshAsync(model, CancellationToken.None);

        Assert.Equal(LoadResult.Unchanged, poll.Result);
        Assert.Equal(ModelState.Unloaded, model.State);
        Assert.Contains("was unloaded", Assert.Throws<ModelNotFoundException>(() => model.Acquire()).Message);
        Assert.True(registry.AllReady);

        model.AllowLoad();
        var load = await _loader.RefreshAsync(model, CancellationToken.None);

        Assert.Equal(LoadResult.Loaded, load.Result);
        Assert.Equal(ModelState.Ready, model.State);
    }

    [Fact]
    public async Task ALoadThatFinishesAfterAnUnloadDoesNotServe()
    {
        await _store.PublishAsync("m", FakeRuntime.Publish(_root, "v1"));
        var model = new ServedModel("m", ModelUri.Parse("models:/m/1"));
        var other = new ServedModel("m", ModelUri.Parse("models:/m/1"));
        await _loader.RefreshAsync(other, CancellationToken.None);
        var late = new LoadedVersion("m", "1", other.Current!.Flavor, other.Current.Model, other.Current.Directory, TimeSpan.Zero);

        model.UnloadOnRequest();
        model.Swap(late);

        Assert.Null(model.Current);
        Assert.Equal(ModelState.Unloaded, model.State);
    }

    [Fact]
    public void ARegistryWhoseOnlyModelIsUnloadedIsNotReady()
    {
        var model = new ServedModel("m", ModelUri.Parse("models:/m/1"));
        model.UnloadOnRequest();

        Assert.False(new ModelRegistry([model]).AllReady);
    }
}
