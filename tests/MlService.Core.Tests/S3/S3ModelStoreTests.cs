namespace MlService.Core.Tests.S3;

/// <summary>The registry layout (<see cref="ModelStore"/>) on a real S3 server.</summary>
[Collection(S3ServerCollection.Name)]
public sealed class S3ModelStoreTests(S3Server s3)
{
    [Fact]
    public async Task PublishedVersionsAreListedInOrderWithTheirFiles()
    {
        var registry = new ModelStore(s3.NewStore());
        using var model = SampleModelDirectory.Create();

        var first = await registry.PublishAsync("heart-disease", model.Path);
        var second = await registry.PublishAsync("heart-disease", model.Path);
        var versions = await registry.ListVersionsAsync("heart-disease");

        Assert.Equal((1, 2), (first, second));
        Assert.Equal([1, 2], versions.Select(v => v.Version));
        Assert.All(versions, v => Assert.NotNull(v.Created));
        Assert.Equal(["heart-disease"], await registry.ListModelsAsync());
        Assert.Equal("pretend model weights", await registry.Blobs.ReadTextOrNullAsync("heart-disease/2/model.zip"));
        var mlmodel = await registry.ReadMlModelAsync("heart-disease", 2);
        Assert.Equal(ModelDirectory.HashFiles(model.Path), mlmodel!.MlService.Files);
    }

    [Fact]
    public async Task PublishWritesMlModelLast()
    {
        var recording = new RecordingBlobStore(s3.NewStore());
        using var model = SampleModelDirectory.Create();

        await new ModelStore(recording).PublishAsync("heart-disease", model.Path);

        Assert.Equal(
            ["heart-disease/1/data/vocabulary.txt", "heart-disease/1/input_example.json", "heart-disease/1/model.zip", "heart-disease/1/MLmodel"],
            recording.Writes);
    }

    [Fact]
    public async Task AVersionWithFilesButNoMlModelIsNotListedAndIsNeverOverwritten()
    {
        var registry = new ModelStore(s3.NewStore());
        using var model = SampleModelDirectory.Create();
        await registry.PublishAsync("heart-disease", model.Path);
        await registry.Blobs.WriteTextAsync("heart-disease/2/model.zip", "half-uploaded by a publisher that died");

        var listedBefore = await registry.ListVersionsAsync("heart-disease");
        var latestBefore = await registry.ResolveAsync(ModelUri.Parse("models:/heart-disease/latest"));
        var published = await registry.PublishAsync("heart-disease", model.Path);

        Assert.Equal([1], listedBefore.Select(v => v.Version));
        Assert.Equal(1, latestBefore);
        Assert.Equal(3, published);
        Assert.Equal("half-uploaded by a publisher that died", await registry.Blobs.ReadTextOrNullAsync("heart-disease/2/model.zip"));
        Assert.False(await registry.VersionExistsAsync("heart-disease", 2));
    }

    [Fact]
    public async Task AliasesAreSetReadListedAndResolved()
    {
        var registry = new ModelStore(s3.NewStore());
        using var model = SampleModelDirectory.Create();
        await registry.PublishAsync("heart-disease", model.Path);
        await registry.PublishAsync("heart-disease", model.Path);

        await registry.SetAliasAsync("heart-disease", "champion", 1);
        await registry.SetAliasAsync("heart-disease", "challenger", 2);

        Assert.Equal(1, await registry.GetAliasAsync("heart-disease", "champion"));
        Assert.Equal(new Dictionary<string, int> { ["challenger"] = 2, ["champion"] = 1 }, await registry.ListAliasesAsync("heart-disease"));
        Assert.Equal(1, await registry.ResolveAsync(ModelUri.Parse("models:/heart-disease@champion")));
        Assert.Equal(2, await registry.ResolveAsync(ModelUri.Parse("models:/heart-disease/latest")));
        Assert.Equal(1, await registry.ResolveAsync(ModelUri.Parse("models:/heart-disease/1")));
        Assert.Null(await registry.ResolveAsync(ModelUri.Parse("models:/heart-disease/7")));
        Assert.Null(await registry.ResolveAsync(ModelUri.Parse("models:/heart-disease@staging")));
    }

    [Fact]
    public async Task MovingAnAliasChangesWhatItResolvesTo()
    {
        var registry = new ModelStore(s3.NewStore());
        using var model = SampleModelDirectory.Create();
        await registry.PublishAsync("heart-disease", model.Path);
        await registry.PublishAsync("heart-disease", model.Path);
        await registry.SetAliasAsync("heart-disease", "champion", 1);

        await registry.SetAliasAsync("heart-disease", "champion", 2);

        Assert.Equal(2, await registry.ResolveAsync(ModelUri.Parse("models:/heart-disease@champion")));
    }

    [Fact]
    public async Task AnAliasCannotPointAtAVersionThatDoesNotExist()
    {
        var registry = new ModelStore(s3.NewStore());
        using var model = SampleModelDirectory.Create();
        await registry.PublishAsync("heart-disease", model.Path);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => registry.SetAliasAsync("heart-disease", "champion", 5));

        Assert.Contains("no version 5", error.Message);
        Assert.Null(await registry.GetAliasAsync("heart-disease", "champion"));
    }
}
