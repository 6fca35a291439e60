using MlService.Core.Models;
using MlService.Core.Runtimes;

namespace MlService.Core.Registry;

/// <summary>
/// One loaded version of a served model, reference-counted so a swap never disposes a model that a request
/// is still using: the registry holds one reference; each request holds one through a <see cref="ModelLease"/>;
/// the model is disposed when the last reference goes. Thread-safe.
/// </summary>
public sealed class LoadedVersion
{
    private int _references = 1;

    public LoadedVersion(string name, string version, string flavor, ILoadedModel model, ModelDirectory directory, TimeSpan loadDuration)
    {
        Name = name;
        Version = version;
        Flavor = flavor;
        Model = model;
        Directory = directory;
        LoadDuration = loadDuration;
        LoadedAt = DateTimeOffset.UtcNow;
    }

    public string Name { get; }
    public string Version { get; }
    public string Flavor { get; }
    public ILoadedModel Model { get; }
    public ModelDirectory Directory { get; }
    public TimeSpan LoadDuration { get; }
    public DateTimeOffset LoadedAt { get; }
    public bool IsDisposed => Volatile.Read(ref _references) == 0;

    /// <summary>Takes a reference unless the version has already been released for good.</summary>
    internal bool TryAddReference()
    {
        while (true)
        {
            var current = Volatile.Read(ref _references);
            if (current == 0) return false;
            if (Interlocked.CompareExchange(ref _references, current + 1, current) == current) return true;
        }
    }

    /// <summary>Drops a reference; the last one disposes the model.</summary>
    internal void Release()
    {
        if (Interlocked.Decrement(ref _references) == 0) Model.Dispose();
    }
}
