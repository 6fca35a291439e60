using System.CommandLine;
using MlService.Core.Models;
using MlService.Core.Stores;
using MlService.Trainer.Stores;

namespace MlService.Trainer.Commands;

/// <summary><c>publish</c>: uploads a model directory as the next version of a registered model.</summary>
public static class PublishCommand
{
    public static Command Create(CliOutput output)
    {
        var store = StoreCommandOptions.Store();
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
            $"{string.Join(", ", S3Settings.EnvironmentNames.Select(n => n.Variable))}) as the next version; MLmodel is uploaded last.")
        {
            store, name, modelDir, alias, skipUnchanged,
        };
        CommandAction.Set(command, output, async (parse, ct) =>
        {
            var registry = StoreOpener.Open(parse.GetRequiredValue(store));
            var model = parse.GetRequiredValue(name);
            var directory = parse.GetRequiredValue(modelDir);
            if (!Directory.Exists(directory)) throw new DirectoryNotFoundException($"model directory '{directory}' does not exist");
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
