using MlService.Core.Codecs;
using System.Diagnostics;
using System.Text;
using MlService.Core.Runtimes;
using MlService.Core.Stores;
using MlService.Core.Validation;

namespace MlService.Core.Registry;

/// <summary>
/// Loads a served model's current version beside the one serving, warms it up with its input example,
/// and swaps it in; a version that fails keeps the old one serving and is reported on the model.
/// One refresh per model at a time (callers serialise per model).
/// </summary>
public sealed class ModelLoader(ModelSource source, ModelRuntimes runtimes)
{
    /// <param name="model">The model to refresh.</param>
    /// <param name="ct">Cancels the refresh.</param>
    /// <param name="retryFailed">
    /// False for routine polls: a version that already failed (corrupt artifact, bad checksum, ...) is not
    /// downloaded and loaded again every poll; it is retried when the URI moves, on a forced reload, or at start.
    /// </param>
    public async Task<LoadOutcome> RefreshAsync(ServedModel model, CancellationToken ct, bool retryFailed = true)
    {
        var clock = Stopwatch.StartNew();
        if (model.IsUnloaded) return new LoadOutcome(LoadResult.Unchanged, null, clock.Elapsed, "unloaded on request");
        string? version = null;
        try
        {
            version = await source.ResolveVersionAsync(model.Uri, ct);
            if (model.Current?.Version == version)
            {
                // The URI points at the serving version again (e.g. an alias rolled back from a broken one): an older failure is history.
                model.ClearFailure();
                return new LoadOutcome(LoadResult.Unchanged, version, clock.Elapsed);
            }
            if (!retryFailed && model.Current is not null && model.LastFailure is { } failed && failed.Version == version)
                return new LoadOutcome(LoadResult.KnownFailure, version, clock.Elapsed, failed.Reason);
            var directory = await source.MaterializeAsync(model.Uri, version, ct);
            var runtime = runtimes.For(directory);
            var loaded = await Task.Run(() => runtime.Load(directory), ct);
            try
            {
                WarmUp(loaded, directory);
            }
            catch
            {
                loaded.Dispose();
                throw;
            }
            model.Swap(new LoadedVersion(model.Name, version, runtime.Flavor, loaded, directory, clock.Elapsed));
            return new LoadOutcome(LoadResult.Loaded, version, clock.Elapsed);
        }
        catch (StoreUnavailableException e)
        {
            if (model.Current is null) model.ReportFailure(version, e.Message);
            return new LoadOutcome(LoadResult.StoreUnavailable, version, clock.Elapsed, e.Message);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            var reason = e is MlServiceException ? e.Message : $"{e.GetType().Name}: {e.Message}";
            model.ReportFailure(version, reason);
            return new LoadOutcome(LoadResult.Failed, version, clock.Elapsed, reason);
        }
    }

    /// <summary>Runs the input example through the model once, so the first request is not the slow one and a broken model fails here.</summary>
    private static void WarmUp(ILoadedModel model, Models.ModelDirectory directory)
    {
        var example = Models.InputExample.Load(directory);
        if (example is null || example.Count == 0) return;
        var json = Encoding.UTF8.GetBytes(example.ToJsonString());
        var (frame, _) = JsonRowsReader.Read(json, model.Signature.Inputs, ValidationOptions.Default, int.MaxValue);
        try
        {
            model.Predict(frame);
        }
        catch (Exception e)
        {
            throw new ModelLoadException($"warm-up with the input example failed: {e.GetType().Name}: {e.Message}", e);
        }
    }
}
