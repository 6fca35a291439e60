using MlService.Core.Stores;

namespace MlService.Core.Registry;

/// <summary>
/// A configured model: its name and URI, the version serving now, and the outcome of the last load.
/// The current version is swapped atomically; the old one is released and disposed after its in-flight
/// requests end. A model unloaded on request (the V2 model repository API) serves nothing and is not reloaded by polls
/// until it is asked to load again. Thread-safe: requests read <see cref="Current"/> without locking; the rare lifecycle
/// changes (swap, unload, load) take one lock so an unload never races a swap back into serving.
/// </summary>
public sealed class ServedModel(string name, ModelUri uri)
{
    private readonly Lock _lifecycle = new();
    private LoadedVersion? _current;
    private LoadFailure? _lastFailure;
    private volatile bool _unloaded;

    public string Name { get; } = name;
    public ModelUri Uri { get; } = uri;

    public LoadedVersion? Current => Volatile.Read(ref _current);
    public LoadFailure? LastFailure => Volatile.Read(ref _lastFailure);

    /// <summary>True after <see cref="UnloadOnRequest"/> until <see cref="AllowLoad"/>.</summary>
    public bool IsUnloaded => _unloaded;

    public ModelState State => Current is not null ? ModelState.Ready
        : _unloaded ? ModelState.Unloaded
        : LastFailure is null ? ModelState.Loading : ModelState.Failed;

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
        LoadedVersion? previous;
        lock (_lifecycle)
        {
            // A load that finished after an unload request does not bring the model back.
            if (_unloaded) previous = next;
            else
            {
                previous = Interlocked.Exchange(ref _current, next);
                Volatile.Write(ref _lastFailure, null);
            }
        }
        previous?.Release();
    }

    /// <summary>Stops serving the model (404 to requests) and keeps polls from loading it, until <see cref="AllowLoad"/>.</summary>
    public void UnloadOnRequest()
    {
        LoadedVersion? previous;
        lock (_lifecycle)
        {
            _unloaded = true;
            previous = Interlocked.Exchange(ref _current, null);
            Volatile.Write(ref _lastFailure, null);
        }
        previous?.Release();
    }

    /// <summary>Lets the next refresh load the model again after <see cref="UnloadOnRequest"/>.</summary>
    public void AllowLoad()
    {
        lock (_lifecycle) _unloaded = false;
    }

    public void ReportFailure(string? version, string reason) =>
        Volatile.Write(ref _lastFailure, new LoadFailure(version, reason, DateTimeOffset.UtcNow));

    /// <summary>Forgets the last failure (the URI no longer points at the version that failed).</summary>
    public void ClearFailure() => Volatile.Write(ref _lastFailure, null);

    /// <summary>Releases the serving version (shutdown).</summary>
    public void Unload() => Interlocked.Exchange(ref _current, null)?.Release();

    private MlServiceException NotReady() => _unloaded
        ? new ModelNotFoundException($"model '{Name}' was unloaded through the model repository API; it is served again once loaded")
        : LastFailure is { } failure
            ? new ModelNotReadyException(Name, $"model '{Name}' is not loaded: {failure.Reason}")
            : new ModelNotReadyException(Name, $"model '{Name}' is still loading");
}
