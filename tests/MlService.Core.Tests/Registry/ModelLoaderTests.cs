namespace MlService.Core.Tests.Registry;

public sealed class ModelLoaderTests : IDisposable
{
    private readonly FakeModelFiles _files = new("mlservice-loader-");

    public void Dispose() => _files.Dispose();

    private static Frame OneRow() => new(1, [new FrameColumn("x", DataKind.Float64, new[] { 1.0 })]);

    private static string Predict(ServedModel model)
    {
        using var lease = model.Acquire();
        return lease.Version.Model.Predict(OneRow())["y"].As<string?>()[0]!;
    }

    [Fact]
    public async Task TheAliasedVersionIsLoadedAndAMovedAliasIsSwappedIn()
    {
        await _files.PublishAsync("m", "v1");
        await _files.PublishAsync("m", "v2");
        await _files.Store.SetAliasAsync("m", "prod", 1);
        var model = new ServedModel("m", ModelUri.Parse("models:/m@prod"));

        var first = await _files.Loader.RefreshAsync(model, CancellationToken.None);
        Assert.Equal((LoadResult.Loaded, "1"), (first.Result, first.Version));
        Assert.Equal("v1", Predict(model));

        Assert.Equal(LoadResult.Unchanged, (await _files.Loader.RefreshAsync(model, CancellationToken.None)).Result);

        await _files.Store.SetAliasAsync("m", "prod", 2);
        var second = await _files.Loader.RefreshAsync(model, CancellationToken.None);
        Assert.Equal((LoadResult.Loaded, "2"), (second.Result, second.Version));
        Assert.Equal("v2", Predict(model));
    }

    [Fact]
    public async Task AVersionThatFailsToLoadIsReportedAndTheOldOneKeepsServing()
    {
        await _files.PublishAsync("m", "good");
        var model = new ServedModel("m", ModelUri.Parse("models:/m/latest"));
        await _files.Loader.RefreshAsync(model, CancellationToken.None);

        await _files.PublishAsync("m", "broken");
        var outcome = await _files.Loader.RefreshAsync(model, CancellationToken.None);

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
        await _files.PublishAsync("m", "good");
        var model = new ServedModel("m", ModelUri.Parse("models:/m/latest"));
        await _files.Loader.RefreshAsync(model, CancellationToken.None);
        await _files.PublishAsync("m", "broken");
        Assert.Equal(LoadResult.Failed, (await _files.Loader.RefreshAsync(model, CancellationToken.None, retryFailed: false)).Result);

        var poll = await _files.Loader.RefreshAsync(model, CancellationToken.None, retryFailed: false);
        var forced = await _files.Loader.RefreshAsync(model, CancellationToken.None);

        Assert.Equal((LoadResult.KnownFailure, "2"), (poll.Result, poll.Version));
        Assert.Contains("broken", poll.Reason);
        Assert.Equal(LoadResult.Failed, forced.Result);
        Assert.Equal("1", model.Current!.Version);
    }

    [Fact]
    public async Task AVersionWhoseWarmUpThrowsIsRejected()
    {
        await _files.PublishAsync("m", "throws");
        var model = new ServedModel("m", ModelUri.Parse("models:/m/latest"));

        var outcome = await _files.Loader.RefreshAsync(model, CancellationToken.None);

        Assert.Equal(LoadResult.Failed, outcome.Result);
        Assert.Contains("warm-up", outcome.Reason);
        Assert.Null(model.Current);
        Assert.Equal(ModelState.Failed, model.State);
    }

    [Fact]
    public async Task AMissingAliasIsAFailureNamingIt()
    {
        var model = new ServedModel("m", ModelUri.Parse("models:/m@ghost"));

        var outcome = await _files.Loader.RefreshAsync(model, CancellationToken.None);

        Assert.Equal(LoadResult.Failed, outcome.Result);
        Assert.Contains("ghost", outcome.Reason);
        var error = Assert.Throws<ModelNotReadyException>(() => model.Acquire());
        Assert.Contains("ghost", error.Message);
    }

    [Fact]
    public async Task ASwappedOutVersionIsDisposedOnlyAfterItsLastRequestEnds()
    {
        await _files.PublishAsync("m", "v1");
        var model = new ServedModel("m", ModelUri.Parse("models:/m/latest"));
        await _files.Loader.RefreshAsync(model, CancellationToken.None);
        var inFlight = model.Acquire();
        var old = (FakeRuntime.FakeModel)inFlight.Version.Model;

        await _files.PublishAsync("m", "v2");
        await _files.Loader.RefreshAsync(model, CancellationToken.None);

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
        await _files.PublishAsync("m", "v1");
        await _files.PublishAsync("m", "v2");
        var model = new ServedModel("m", ModelUri.Parse("models:/m/1"));

        await _files.Loader.RefreshAsync(model, CancellationToken.None);
        await _files.Loader.RefreshAsync(model, CancellationToken.None);

        Assert.Equal("1", model.Current!.Version);
    }

    [Fact]
    public void TheRegistryIsNotReadyWithZeroModels()
    {
        Assert.False(new ModelRegistry([]).AllReady);
    }
}
