using System.Diagnostics;

namespace MlService.Api.Inference;

/// <summary>
/// The one inference path every protocol shares: model lookup and readiness, the prediction itself, timing,
/// metrics and the model headers. A fix here serves all protocols. Thread-safe.
/// </summary>
public sealed class InferenceService(ModelRegistry registry, ServiceMetrics metrics, DemoMemoryLeak? demoLeak = null)
{
    // Decided once: with the demo leak off the hot path pays one null check.
    private readonly DemoMemoryLeak? _demoLeak = demoLeak is { Enabled: true } ? demoLeak : null;

    public ModelRegistry Registry { get; } = registry;

    /// <summary>Holds the named (or default) model for this request: 404 when unknown, 503 while not loaded.</summary>
    public ModelLease Acquire(string? model, string? version = null) => Registry.Get(model).Acquire(version);

    /// <summary>Predicts a validated frame and records the outcome; a model fault becomes a 500 for this request only.</summary>
    public Frame Predict(HttpContext http, ModelLease lease, Frame input, string protocol)
    {
        var version = lease.Version;
        SetModelHeaders(http, version);
        // A request past its timeout (or abandoned) does not start the model; runtimes cannot be interrupted
        // mid-call, so a result finished after the deadline is dropped too (the timeout answers 504).
        http.RequestAborted.ThrowIfCancellationRequested();
        var started = Stopwatch.GetTimestamp();
        Frame output;
        try
        {
            output = version.Model.Predict(input);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            metrics.PredictionFailed(version, protocol);
            throw new PredictionFailedException(version.Name, e);
        }
        http.RequestAborted.ThrowIfCancellationRequested();
        metrics.PredictionSucceeded(version, protocol, input.RowCount, Stopwatch.GetElapsedTime(started).TotalSeconds);
        _demoLeak?.Leak();
        return output;
    }

    public static void SetModelHeaders(HttpContext http, LoadedVersion version)
    {
        var headers = http.Response.Headers;
        headers["X-Model-Name"] = version.Name;
        headers["X-Model-Version"] = version.Version;
    }
}
