namespace MlService.Trainer.Stores;

/// <summary>Opens the registry at a store root (path, file:// or s3://) with S3 settings from the environment.</summary>
public static class StoreOpener
{
    public static ModelStore Open(string root)
    {
        if (string.IsNullOrWhiteSpace(root)) throw new ArgumentException("--store is empty: give a path, file:// or s3:// root");
        return new ModelStore(new BlobStoreFactory(S3Settings.FromEnvironment()).Open(root.Trim()));
    }
}
