namespace MlService.Api.Hosting;

/// <summary>
/// Whether the model store answered the last check. Readiness reports a store outage as degraded, not
/// unhealthy: loaded models keep serving, and an S3 outage must not take the whole fleet out of the load balancer.
/// </summary>
public sealed class StoreHealth
{
    private volatile string? _lastError;
    private long _downSinceTicks;

    public string? LastError => _lastError;
    public DateTimeOffset? DownSince => _lastError is null ? null : new DateTimeOffset(Interlocked.Read(ref _downSinceTicks), TimeSpan.Zero);

    public void ReportDown(string reason)
    {
        if (_lastError is null) Interlocked.Exchange(ref _downSinceTicks, DateTimeOffset.UtcNow.UtcTicks);
        _lastError = reason;
    }

    public void ReportUp() => _lastError = null;
}
