using MlService.Trainer.Mlflow;
using MlService.Trainer.Stores;

namespace MlService.Trainer.Commands;

/// <summary><c>publish</c>: uploads a model directory as the next version of a registered model.</summary>
public static class PublishCommand
{
    public static Command Create(CliOutput output)
    {
        var store = StoreCommandOptions.Store();
        // Not needed with --registry mlflow; checked below for the store registry.
        store.Required = false;
        var registryKind = new Option<string>("--registry")
        {
            Description = "store: our store layout under --store (default); mlflow: register the run logged by train in the MLflow " +
                "Model Registry at MLFLOW_TRACKING_URI (auth: MLFLOW_TRACKING_TOKEN, or MLFLOW_TRACKING_USERNAME + MLFLOW_TRACKING_PASSWORD)",
            DefaultValueFactory = _ => "store",
        };
        registryKind.AcceptOnlyFromAmong("store", "mlflow");
        var runId = new Option<string?>("--run-id") { Description = "--registry mlflow: the run to register (default: run_id in the directory's MLmodel, written by train)" };
        var name = StoreCommandOptions.Name();
        var modelDir = new Option<string>("--model-dir") { Description = "Local model directory (with MLmodel)", Required = true };
        var alias = new Option<string?>("--alias") { Description = "Alias to point at the new version" };
        var skipUnchanged = new Option<bool>("--skip-unchanged")
        {
            Description = "Re-runnable: when the latest version already is this model (same model_uuid in MLmodel), publish nothing " +
                "and point --alias at that version",
        };
        var command = new Command("publish",
            "Publish a model directory to a store (path, file:// or s3://; S3 settings from " +
            $"{string.Join(", ", S3Settings.EnvironmentNames.Select(n => n.Variable))}) as the next version; MLmodel is uploaded last. " +
            "With --registry mlflow: register the MLflow run that train logged as a new version in MLflow's Model Registry.")
        {
            store, name, modelDir, alias, skipUnchanged, registryKind, runId,
        };
        CommandAction.Set(command, output, async (parse, ct) =>
        {
            var model = parse.GetRequiredValue(name);
            var directory = parse.GetRequiredValue(modelDir);
            if (!Directory.Exists(directory)) throw new DirectoryNotFoundException($"model directory '{directory}' does not exist");
            if (parse.GetValue(registryKind) == "mlflow")
            {
                await MlflowPublisher.PublishAsync(model, directory, parse.GetValue(runId), parse.GetValue(alias), parse.GetValue(skipUnchanged), output.Out, ct);
                return 0;
            }
            var registry = StoreOpener.Open(parse.GetValue(store) ?? throw new ArgumentException("--store is required (or --registry mlflow)"));
            var version = parse.GetValue(skipUnchanged) ? await PublishedVersionOf(registry, model, directory, ct) : null;
            if (version is not null)
            {
                await output.Out.WriteLineAsync($"{model} version {version} in {registry.Blobs.Root} already is this model: nothing published");
            }
            else
            {
                version = await registry.PublishAsync(model, directory, ct);
                await output.Out.WriteLineAsync($"published {model} version {version} to {registry.Blobs.Root}");
            }
            if (parse.GetValue(alias) is { } aliasName)
            {
                await registry.SetAliasAsync(model, aliasName, version.Value, ct);
                await output.Out.WriteLineAsync($"alias {aliasName} -> {version}");
            }
            return 0;
        });
        return command;
    }

    /// <summary>The latest version when it holds the same trained model (model_uuid), else null.</summary>
    private static async Task<int?> PublishedVersionOf(ModelStore registry, string model, string directory, CancellationToken ct)
    {
        var uuid = MlModelFile.Load(directory).ModelUuid;
        if (uuid is null || await registry.LatestVersionAsync(model, ct) is not { } latest) return null;
        var published = await registry.ReadMlModelAsync(model, latest, ct);
        return published?.ModelUuid == uuid ? latest : null;
    }
}
