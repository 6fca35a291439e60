using Microsoft.Extensions.Options;

namespace MlService.Benchmarks.Fixtures;

/// <summary>An options monitor whose value never changes: the endpoint handler reads CurrentValue per request.</summary>
public sealed class FixedOptionsMonitor<T>(T value) : IOptionsMonitor<T>
{
    public T CurrentValue { get; } = value;

    public T Get(string? name) => CurrentValue;

    public IDisposable? OnChange(Action<T, string?> listener) => null;
}
