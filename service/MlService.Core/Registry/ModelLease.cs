namespace MlService.Core.Registry;

/// <summary>A request's hold on a loaded version; dispose when the request is done with the model.</summary>
public readonly struct ModelLease(LoadedVersion version) : IDisposable
{
    public LoadedVersion Version { get; } = version;
    public string Name => Version.Name;

    public void Dispose() => Version.Release();
}
