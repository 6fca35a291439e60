using MlService.Core.Errors;
using MlService.Core.Stores;

namespace MlService.Core.Registry;

/// <summary>
/// A configured model: its name and URI, the version serving now, and the outcome of the last load.
/// The current version is swapped atomically; the old one is released and disposed after its in-flight
/// requests end. Thread-safe.
/// </summary>
public sealed class ServedModel(string name, ModelUri uri)
{
    private LoadedVersion? _current;
    private LoadFailure? _lastFailure;

    public string Name { get; } = name;
    public ModelUri Uri { get; } = uri;

    public LoadedVersion? Current => Volatile.Read(ref _current);
    public LoadFailure? LastFailure => Volatile.Read(ref _lastFailure);

    public ModelState State => Current is not null ? ModelState.Ready : LastFailure is null ? ModelState.Loading : ModelState.Failed;

    /// <summary>Holds the current version for one request; throws 503 while none is loaded.</summary>
    public ModelLease Acquire(string? version = null)
    {
        while (true)
        {
            var current = Current ?? throw NotReady();
            if (version is not null && version != current.Version)
                throw new ModelNotFoundException($"model '{Name}' serves version {current.Version}, not version {version}");
            if (current.TryAddReference()) return new ModelLease(current);
            // Swapped and released between the read and the reference: read the new one.
        }
    }

    /// <summary>Makes <paramref name="next"/> the serving version and releases the previous one.</summary>
    public void Swap(LoadedVersion next)
    {
        var previous = Interlocked.Exchange(ref _current, next);
        Volatile.Write(ref _lastFailure, null);
        previous?.Release();
    }

    public void ReportFailure(string? version, string reason) =>
        Volatile.Write(ref _lastFailure, new LoadFailure(version, reason, DateTimeOffset.UtcNow));

    /// <summary>Forgets the last failure (the URI no longer points at the version that failed).</summary>
    public void ClearFailure() => Volatile.Write(ref _lastFailure, null);

    /// <summary>Releases the serving version (shutdown).</summary>
    public void Unload() => Interlocked.Exchange(ref _current, null)?.Release();

    private ModelNotReadyException NotReady() => LastFailure is { } failure
        ? new ModelNotReadyException(Name, $"model '{Name}' is not loaded: {failure.Reason}")
        : new ModelNotReadyException(Name, $"model '{Name}' is still loading");
}
