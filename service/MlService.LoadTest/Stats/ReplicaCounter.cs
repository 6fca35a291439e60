using System.Collections.Concurrent;

namespace MlService.LoadTest.Stats;

/// <summary>
/// Responses per <c>X-Served-By</c> value, so a run shows how a load balancer spread the load (and a replica
/// that answers only errors). Responses without the header count under <see cref="Missing"/>. Thread-safe.
/// </summary>
public sealed class ReplicaCounter
{
    public const string Missing = "(no X-Served-By)";
    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);

    public void Add(string? servedBy) => _counts.AddOrUpdate(string.IsNullOrEmpty(servedBy) ? Missing : servedBy, 1, (_, n) => n + 1);

    public IReadOnlyList<ReplicaShare> Shares()
    {
        var snapshot = _counts.ToArray();
        var total = snapshot.Sum(p => p.Value);
        return snapshot
            .OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => new ReplicaShare(p.Key, p.Value, total == 0 ? 0 : Math.Round(100.0 * p.Value / total, 2)))
            .ToList();
    }
}
