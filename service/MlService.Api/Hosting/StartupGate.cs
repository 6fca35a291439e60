namespace MlService.Api.Hosting;

/// <summary>
/// Start-up milestones the probes read: when the process started, whether the demo start delay has passed,
/// whether every model has loaded once, and whether shutdown has begun (readiness turns 503 at once).
/// </summary>
public sealed class StartupGate(IOptions<DemoOptions> demo, TimeProvider time)
{
    private readonly DateTimeOffset _startedAt = time.GetUtcNow();
    private volatile bool _modelsLoaded;
    private volatile bool _stopping;

    public DateTimeOffset StartedAt => _startedAt;
    public bool ModelsLoadedOnce => _modelsLoaded;
    public bool Stopping => _stopping;

    public TimeSpan Uptime => time.GetUtcNow() - _startedAt;

    public bool DemoDelayPassed => Uptime >= TimeSpan.FromSeconds(demo.Value.StartupDelaySeconds);

    /// <summary>True once the demo's "dies after N seconds" time has come (never when the option is 0).</summary>
    public bool DemoLivenessExpired => demo.Value.FailLivenessAfterSeconds > 0 && Uptime >= TimeSpan.FromSeconds(demo.Value.FailLivenessAfterSeconds);

    public Task WaitForDemoDelayAsync(CancellationToken ct)
    {
        var remaining = TimeSpan.FromSeconds(demo.Value.StartupDelaySeconds) - Uptime;
        return remaining > TimeSpan.Zero ? Task.Delay(remaining, time, ct) : Task.CompletedTask;
    }

    public void MarkModelsLoaded() => _modelsLoaded = true;

    public void MarkStopping() => _stopping = true;
}
