namespace MlService.Api.Reliability;

/// <summary>
/// First step of the host's stop: readiness turns 503 at once, then the server keeps serving for the drain
/// delay so the load balancer (Kubernetes endpoints, a proxy polling readiness) takes this replica out before
/// the listener closes. The host then stops Kestrel, which finishes in-flight requests within
/// <see cref="ShutdownOptions.TimeoutSeconds"/> (the rest of <c>HostOptions.ShutdownTimeout</c>).
/// </summary>
public sealed partial class ShutdownDrainService(StartupGate gate, IOptions<ShutdownOptions> options, TimeProvider time, ILogger<ShutdownDrainService> logger)
    : IHostedLifecycleService
{
    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        gate.MarkStopping();
        var delay = TimeSpan.FromSeconds(options.Value.DrainDelaySeconds);
        LogDraining(delay.TotalSeconds, options.Value.TimeoutSeconds);
        if (delay <= TimeSpan.Zero) return;
        try
        {
            await Task.Delay(delay, time, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The host's shutdown timeout ran out first: stop now.
        }
        LogClosing();
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping: readiness is now 503; serving for {DrainSeconds}s more, then finishing in-flight requests within {TimeoutSeconds}s")]
    private partial void LogDraining(double drainSeconds, int timeoutSeconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Drain delay over: closing the listener and finishing in-flight requests")]
    private partial void LogClosing();
}
