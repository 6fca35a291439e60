using System.Collections.Concurrent;

namespace MlService.LoadTest.Stats;

/// <summary>Failed requests by HTTP status and by exception kind. Thread-safe.</summary>
public sealed class ErrorCounter
{
    private readonly ConcurrentDictionary<int, long> _byStatus = new();
    private readonly ConcurrentDictionary<string, long> _byException = new();

    public void AddStatus(int status) => _byStatus.AddOrUpdate(status, 1, (_, n) => n + 1);

    public void AddException(string kind) => _byException.AddOrUpdate(kind, 1, (_, n) => n + 1);

    public IReadOnlyDictionary<int, long> ByStatus() => new SortedDictionary<int, long>(_byStatus);

    public IReadOnlyDictionary<string, long> ByException() => new SortedDictionary<string, long>(_byException, StringComparer.Ordinal);
}
