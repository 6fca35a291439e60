using System.Collections.Concurrent;

namespace MlService.Api.Hosting;

/// <summary>
/// Runs <see cref="ModelLoader.RefreshAsync"/> for a model, one at a time per model (the poller and
/// <c>POST /models/{name}/reload</c> may ask at once), then logs, updates metrics and the store's health.
/// </summary>
public sealed partial class ModelRefresher(ModelLoader loader, ModelRegistry registry, ServiceMetrics metrics, StoreHealth storeHealth, ILogger<ModelRefresher> logger)
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.Ordinal);

    /// <param name="retryFailed">False for routine polls (see <see cref="ModelLoader.RefreshAsync"/>).</param>
    public async Task<LoadOutcome> RefreshAsync(ServedModel model, CancellationToken ct, bool retryFailed = true)
    {
        var gate = _gates.GetOrAdd(model.Name, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        try
        {
            var outcome = await loader.RefreshAsync(model, ct, retryFailed);
            Report(model, outcome);
            return outcome;
        }
        finally
        {
            gate.Release();
        }
    }

    private void Report(ServedModel model, LoadOutcome outcome)
    {
        metrics.LoadFinished(model, outcome);
        metrics.Publish(registry);
        if (outcome.Result == LoadResult.StoreUnavailable) storeHealth.ReportDown(outcome.Reason!);
        else storeHealth.ReportUp();
        switch (outcome.Result)
        {
            case LoadResult.Loaded:
                LogLoaded(model.Name, outcome.Version!, outcome.Duration.TotalSeconds);
                break;
            case LoadResult.Failed:
                LogFailed(model.Name, outcome.Version ?? "?", outcome.Reason!, model.Current?.Version ?? "none");
                break;
            case LoadResult.StoreUnavailable:
                LogStoreDown(model.Name, outcome.Reason!, model.Current?.Version ?? "none");
                break;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Model {Model} version {Version} loaded and warmed in {Seconds:F2}s")]
    private partial void LogLoaded(string model, string version, double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Model {Model} version {Version} failed to load: {Reason}; serving version: {Serving}")]
    private partial void LogFailed(string model, string version, string reason, string serving);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Store unavailable while checking model {Model}: {Reason}; serving version: {Serving}")]
    private partial void LogStoreDown(string model, string reason, string serving);
}
