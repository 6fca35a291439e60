using Prometheus;

namespace MlService.Api.Metrics;

/// <summary>
/// The <c>mlservice_</c> metrics. Labels are bounded: model, version, protocol, outcome, status — never
/// request ids or inputs. prometheus-net metrics are thread-safe.
/// </summary>
public sealed class ServiceMetrics
{
    /// <summary>No exemplars: they are a trace-context lookup per observation, and we expose the classic text format, which has none.</summary>
    private static readonly ExemplarBehavior NoExemplars = ExemplarBehavior.NoExemplars();

    private static readonly Counter Predictions = Prometheus.Metrics.CreateCounter(
        "mlservice_predictions_total", "Prediction requests that reached a model, by outcome.",
        new CounterConfiguration { LabelNames = ["model", "version", "protocol", "outcome"], ExemplarBehavior = NoExemplars });

    private static readonly Counter Rows = Prometheus.Metrics.CreateCounter(
        "mlservice_prediction_rows_total", "Rows predicted.",
        new CounterConfiguration { LabelNames = ["model", "version", "protocol"], ExemplarBehavior = NoExemplars });

    private static readonly Histogram InferenceDuration = Prometheus.Metrics.CreateHistogram(
        "mlservice_inference_duration_seconds", "Time the model spent predicting one request.",
        new HistogramConfiguration
        {
            LabelNames = ["model", "protocol"],
            ExemplarBehavior = NoExemplars,
            Buckets = [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
        });

    private static readonly Counter RejectedRequests = Prometheus.Metrics.CreateCounter(
        "mlservice_rejected_requests_total", "Requests answered with an error status before or instead of a prediction.",
        new CounterConfiguration { LabelNames = ["status"] });

    private static readonly Gauge QueuedRequests = Prometheus.Metrics.CreateGauge(
        "mlservice_requests_queued", "Requests admitted but waiting for a slot of MlService:Limits:MaxConcurrentRequests.");

    private static readonly Gauge ModelInfo = Prometheus.Metrics.CreateGauge(
        "mlservice_model_info", "The version each model serves (value 1).",
        new GaugeConfiguration { LabelNames = ["model", "version", "flavor"] });

    private static readonly Gauge ModelReady = Prometheus.Metrics.CreateGauge(
        "mlservice_model_ready", "1 when the model has a loaded, warmed version serving.",
        new GaugeConfiguration { LabelNames = ["model"] });

    private static readonly Gauge ModelsReady = Prometheus.Metrics.CreateGauge(
        "mlservice_models_ready", "Number of configured models that are ready.");

    private static readonly Histogram LoadDuration = Prometheus.Metrics.CreateHistogram(
        "mlservice_model_load_duration_seconds", "Time to fetch, load and warm up a model version.",
        new HistogramConfiguration { LabelNames = ["model"], Buckets = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120] });

    private static readonly Counter Loads = Prometheus.Metrics.CreateCounter(
        "mlservice_model_loads_total", "Model version loads by outcome (loaded, failed, store_unavailable).",
        new CounterConfiguration { LabelNames = ["model", "outcome"] });

    /// <summary>The series one (model version, protocol) writes on every prediction, resolved once rather than per request.</summary>
    private sealed record PredictionSeries(Counter.Child Ok, Counter.Child Rows, Histogram.Child Duration);

    /// <summary>Weak on the version: a retired version (and its model) must not be kept alive by a metrics cache.</summary>
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<LoadedVersion, System.Collections.Concurrent.ConcurrentDictionary<string, PredictionSeries>> _predictionSeries = new();

    public void PredictionSucceeded(LoadedVersion version, string protocol, int rows, double seconds)
    {
        var byProtocol = _predictionSeries.GetValue(version, static _ => new());
        if (!byProtocol.TryGetValue(protocol, out var series))
            series = byProtocol.GetOrAdd(protocol, static (protocol, version) => new PredictionSeries(
                Predictions.WithLabels(version.Name, version.Version, protocol, "ok"),
                Rows.WithLabels(version.Name, version.Version, protocol),
                InferenceDuration.WithLabels(version.Name, protocol)), version);
        series.Ok.Inc();
        series.Rows.Inc(rows);
        series.Duration.Observe(seconds);
    }

    public void PredictionFailed(LoadedVersion version, string protocol) =>
        Predictions.WithLabels(version.Name, version.Version, protocol, "error").Inc();

    /// <summary>Sources of waiting requests that <c>mlservice_requests_queued</c> sums (one per service; more only in tests).</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<QueueReport, Func<int>> Queues = new();
    private static int _queueCallbackAdded;

    /// <summary>
    /// Reports a queue's length at each scrape (a before-collect callback) rather than on every request: under
    /// load most requests wait, and a gauge written on each of them costs throughput. Dispose to stop reporting.
    /// </summary>
    public IDisposable ReportQueue(Func<int> waiting)
    {
        if (Interlocked.Exchange(ref _queueCallbackAdded, 1) == 0)
            Prometheus.Metrics.DefaultRegistry.AddBeforeCollectCallback(() => QueuedRequests.Set(Queues.Values.Sum(length => length())));
        var report = new QueueReport();
        Queues[report] = waiting;
        return report;
    }

    private sealed class QueueReport : IDisposable
    {
        public void Dispose() => Queues.TryRemove(this, out _);
    }

    public void Rejected(int status) => RejectedRequests.WithLabels(StatusLabel(status)).Inc();

    public void LoadFinished(ServedModel model, LoadOutcome outcome)
    {
        if (outcome.Result is LoadResult.Unchanged or LoadResult.KnownFailure) return;
        var label = outcome.Result switch
        {
            LoadResult.Loaded => "loaded",
            LoadResult.StoreUnavailable => "store_unavailable",
            _ => "failed",
        };
        Loads.WithLabels(model.Name, label).Inc();
        if (outcome.Result == LoadResult.Loaded) LoadDuration.WithLabels(model.Name).Observe(outcome.Duration.TotalSeconds);
    }

    /// <summary>Sets the model gauges from the registry (called after every load attempt).</summary>
    public void Publish(ModelRegistry registry)
    {
        var ready = 0;
        foreach (var model in registry.Models)
        {
            var current = model.Current;
            ModelReady.WithLabels(model.Name).Set(current is null ? 0 : 1);
            if (current is null) continue;
            ready++;
            foreach (var labels in ModelInfo.GetAllLabelValues().Where(l => l[0] == model.Name && l[1] != current.Version).ToList())
                ModelInfo.RemoveLabelled(labels);
            ModelInfo.WithLabels(model.Name, current.Version, current.Flavor).Set(1);
        }
        ModelsReady.Set(ready);
    }

    private static string StatusLabel(int status) => status switch
    {
        >= 100 and < 600 => status.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => "other",
    };
}
