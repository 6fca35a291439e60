namespace MlService.Api.Hosting;

/// <summary>
/// Loads every configured model in the background after the port is open (retrying with backoff until it
/// loads), then polls moving URIs (<c>@alias</c>, <c>latest</c>) for new versions. Pinned versions never move.
/// </summary>
public sealed partial class ModelLoadingService(
    ModelRegistry registry,
    ModelRefresher refresher,
    StartupGate startup,
    IOptions<StoreOptions> storeOptions,
    ILogger<ModelLoadingService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await startup.WaitForDemoDelayAsync(stoppingToken);
        await Task.WhenAll(registry.Models.Select(m => LoadUntilReadyAsync(m, stoppingToken)));
        startup.MarkModelsLoaded();
        LogAllReady(registry.Models.Count);

        var interval = storeOptions.Value.PollIntervalSeconds;
        var moving = registry.Models.Where(m => m.Uri.IsMoving).ToList();
        if (interval <= 0 || moving.Count == 0) return;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(interval));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            foreach (var model in moving) await refresher.RefreshAsync(model, stoppingToken, retryFailed: false);
        }
    }

    private async Task LoadUntilReadyAsync(ServedModel model, CancellationToken ct)
    {
        var delay = TimeSpan.FromSeconds(1);
        var maxDelay = TimeSpan.FromSeconds(storeOptions.Value.MaxRetryDelaySeconds);
        for (var attempt = 1; ; attempt++)
        {
            await refresher.RefreshAsync(model, ct);
            if (model.Current is not null) return;
            // The refresher has logged why this attempt failed; this line only says when the next one comes.
            LogRetry(model.Name, attempt, delay.TotalSeconds);
            await Task.Delay(delay, ct);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, maxDelay.Ticks));
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "All {Count} configured models are loaded; the service is ready")]
    private partial void LogAllReady(int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Model {Model} not loaded (attempt {Attempt}); retrying in {Seconds}s")]
    private partial void LogRetry(string model, int attempt, double seconds);
}
