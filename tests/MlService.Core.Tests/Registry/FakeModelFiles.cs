namespace MlService.Core.Tests.Registry;

/// <summary>
/// A file model store in a temporary folder and a loader over it that runs the "fake" flavor (<see cref="FakeRuntime"/>);
/// the folder is deleted on dispose.
/// </summary>
public sealed class FakeModelFiles : IDisposable
{
    public FakeModelFiles(string folderPrefix)
    {
        Root = Directory.CreateTempSubdirectory(folderPrefix).FullName;
        var storeRoot = Path.Combine(Root, "store");
        Store = new ModelStore(new FileBlobStore(storeRoot));
        var source = new ModelSource(new BlobStoreFactory(new S3Settings()), storeRoot, new ModelCache(Path.Combine(Root, "cache")));
        Loader = new ModelLoader(source, new ModelRuntimes([new FakeRuntime()]));
    }

    public string Root { get; }

    public ModelStore Store { get; }

    public ModelLoader Loader { get; }

    /// <summary>Publishes a new version of <paramref name="model"/> whose fake model file holds <paramref name="text"/>.</summary>
    public Task<int> PublishAsync(string model, string text) => Store.PublishAsync(model, FakeRuntime.Publish(Root, text));

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
