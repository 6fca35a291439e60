namespace MlService.Core.Tests.Registry;

/// <summary>A model unloaded on request (V2 repository API) stays unloaded until asked to load, whatever polls do meanwhile.</summary>
public sealed class UnloadOnRequestTests : IDisposable
{
    private readonly FakeModelFiles _files = new("mlservice-unload-");

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task AnUnloadedModelIsNotFoundAndPollsDoNotLoadItUntilAllowed()
    {
        await _files.PublishAsync("m", "v1");
        var model = new ServedModel("m", ModelUri.Parse("models:/m/latest"));
        await _files.Loader.RefreshAsync(model, CancellationToken.None);
        var registry = new ModelRegistry([model, new ServedModel("other", ModelUri.Parse("models:/m/1"))]);
        await _files.Loader.RefreshAsync(registry.Get("other"), CancellationToken.None);

        model.UnloadOnRequest();
        var poll = await _files.Loader.RefreshAsync(model, CancellationToken.None);

        Assert.Equal(LoadResult.Unchanged, poll.Result);
        Assert.Equal(ModelState.Unloaded, model.State);
        Assert.Contains("was unloaded", Assert.Throws<ModelNotFoundException>(() => model.Acquire()).Message);
        Assert.True(registry.AllReady);

        model.AllowLoad();
        var load = await _files.Loader.RefreshAsync(model, CancellationToken.None);

        Assert.Equal(LoadResult.Loaded, load.Result);
        Assert.Equal(ModelState.Ready, model.State);
    }

    [Fact]
    public async Task ALoadThatFinishesAfterAnUnloadDoesNotServe()
    {
        await _files.PublishAsync("m", "v1");
        var model = new ServedModel("m", ModelUri.Parse("models:/m/1"));
        var other = new ServedModel("m", ModelUri.Parse("models:/m/1"));
        await _files.Loader.RefreshAsync(other, CancellationToken.None);
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
