using MlService.Core.Registry;

namespace MlService.Core.Tests.Registry;

public sealed class ModelLoaderTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("mlservice-loader-").FullName;
    private readonly ModelStore _store;
    private readonly ModelLoader _loader;

    public ModelLoaderTests()
    {
        var storeRoot = Path.Combine(_root, "store");
        _store = new ModelStore(new FileBlobStore(storeRoot));
        var source = new ModelSource(new BlobStoreFactory(new S3Settings()), storeRoot, new ModelCache(Path.Combine(_root, "cache")));
        _loader = new ModelLoader(source, new ModelRuntimes([new FakeRuntime()]));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static Frame OneRow() => new(1, [new FrameColumn("x", DataKind.Float64, new[] { 1.0 })]);

    private static string Predict(ServedModel model)
    {
        using var lease = model.Acquire();
        return lease.Version.Model.Predict(OneRow())["y"].As<string?>()[0]!;
    }

    [Fact]
    public async Task TheAliasedVersionIsLoadedAndAMovedAliasIsSwappedIn()
    {
        await _store.PublishAsync("m", FakeRuntime.Publish(_root, "v1"));
        await _store.PublishAsync("m", FakeRuntime.Publish(_root, "v2"));
        await _store.SetAliasAsync("m", "prod", 1);
        var model = new ServedModel("m", ModelUri.Parse("models:/m@prod"));

        var first = await _loader.RefreshAsync(model, CancellationToken.None);
        Assert.Equal((LoadResult.Loaded, "1"), (first.Result, first.Version));
        Assert.Equal("v1", Predict(model));

        Assert.Equal(LoadResult.Unchanged, (await _loader.RefreshAsync(model, CancellationToken.None)).Result);

        await _store.SetAliasAsync("m", "prod", 2);
        var second = await _loader.RefreshAsync(model, CancellationToken.None);
        Assert.Equal((LoadResult.Loaded, "2"), (second.Result, second.Version));
        Assert.Equal("v2", Predict(model));
    }

    [Fact]
    public async Task AVersionThatFailsToLoadIsReportedAndTheOldOneKeepsServing()
    {
        await _store.PublishAsync("m", FakeRuntime.Publish(_root, "good"));
        var model = new ServedModel("m", ModelUri.Parse("models:/m/latest"));
        await _loader.RefreshAsync(model, CancellationToken.None);

        await _store.PublishAsync("m", FakeRuntime.Publish(_root, "broken"));
        var outcome = await _loader.RefreshAsync(model, CancellationToken.None);

        Assert.Equal(LoadResult.Failed, outcome.Result);
        Assert.Equal("2", model.LastFailure!.Version);
        Assert.Contains("broken", model.LastFailure.Reason);
        Assert.Equal("1", model.Current!.Version);
        Assert.Equal("good", Predict(model));
        Assert.Equal(ModelState.Ready, model.State);
    }

    [Fact]
    public async Task PollsDoNotReloadAVersionThatAlreadyFailedButAForcedReloadDoes()
    {
        await _store.PublishAsync("m", FakeRuntime.Publish(_root, "good"));
        var model = new ServedModel("m", ModelUri.Parse("models:/m/latest"));
        await _loader.RefreshAsync(model, CancellationToken.None);
        await _store.PublishAsync("m", FakeRuntime.Publish(_root, "broken"));
        Assert.Equal(LoadResult.Failed, (await _loader.RefreshAsync(model, CancellationToken.None, retryFailed: false)).Result);

        var poll = await _loader.RefreshAsync(model, CancellationToken.None, retryFailed: false);
        var forced = await _loader.RefreshAsync(model, CancellationToken.None);

        Assert.Equal((LoadResult.KnownFailure, "2"), (poll.Result, poll.Version));
        Assert.Contains("broken", poll.Reason);
        Assert.Equal(LoadResult.Failed, forced.Result);
        Assert.Equal("1", model.Current!.Version);
    }

    [Fact]
    public async Task AVersionWhoseWarmUpThrowsIsRejected()
    {
        await _store.PublishAsync("m", FakeRuntime.Publish(_root, "throws"));
        var model = new ServedModel("m", ModelUri.Parse("models:/m/latest"));

        var outcome = await _loader.RefreshAsync(model, CancellationToken.None);

        Assert.Equal(LoadResult.Failed, outcome.Result);
        Assert.Contains("warm-up", outcome.Reason);
        Assert.Null(model.Current);
        Assert.Equal(ModelState.Failed, model.State);
    }

    [Fact]
    public async Task AMissingAliasIsAFailureNamingIt()
    {
        var model = new ServedModel("m", ModelUri.Parse("models:/m@ghost"));

        var outcome = await _loader.RefreshAsync(model, CancellationToken.None);

        Assert.Equal(LoadResult.Failed, outcome.Result);
        Assert.Contains("ghost", outcome.Reason);
        var error = Assert.Throws<ModelNotReadyException>(() => model.Acquire());
        Assert.Contains("ghost", error.Message);
    }

    [Fact]
    public async Task ASwappedOutVersionIsDisposedOnlyAfterItsLastRequestEnds()
    {
        await _store.PublishAsync("m", FakeRuntime.Publish(_root, "v1"));
        var model = new ServedModel("m", ModelUri.Parse("models:/m/latest"));
        await _loader.RefreshAsync(model, CancellationToken.None);
        var inFlight = model.Acquire();
        var old = (FakeRuntime.FakeModel)inFlight.Version.Model;

        await _store.PublishAsync("m", FakeRuntime.Publish(_root, "v2"));
        await _loader.RefreshAsync(model, CancellationToken.None);

        Assert.False(old.Disposed);
        Assert.Equal("v1", old.Predict(OneRow())["y"].As<string?>()[0]);
        inFlight.Dispose();
        Assert.True(old.Disposed);
        Assert.Equal("v2", Predict(model));
    }

    [Fact]
    public async Task APinnedVersionIsNotMoving()
    {
        Assert.False(ModelUri.Parse("models:/m/1").IsMoving);
        await _store.PublishAsync("m", FakeRuntime.Publish(_root, "v1"));
        await _store.PublishAsync("m", FakeRuntime.Publish(_root, "v2"));
        var model = new ServedModel("m", ModelUri.Parse("models:/m/1"));

        await _loader.RefreshAsync(model, CancellationToken.None);
        await _loader.RefreshAsync(model, CancellationToken.None);

        Assert.Equal("1", model.Current!.Version);
    }

    [Fact]
    public void TheRegistryIsNotReadyWithZeroModels()
    {
        Assert.False(new ModelRegistry([]).AllReady);
    }
}
