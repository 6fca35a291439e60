using MlService.Trainer.Stores;

namespace MlService.Trainer.Commands;

/// <summary><c>list</c>: published versions with their time, aliases and training metrics.</summary>
public static class ListCommand
{
    public static Command Create(CliOutput output)
    {
        var store = StoreCommandOptions.Store();
        var name = StoreCommandOptions.Name(required: false);
        name.Description = "Only this model (default: every model in the store)";
        var command = new Command("list", "List published versions (a version is listed once its MLmodel exists)") { store, name };
        CommandAction.Set(command, output, async (parse, ct) =>
        {
            var registry = StoreOpener.Open(parse.GetRequiredValue(store));
            var models = parse.GetValue(name) is { } only ? [only] : await registry.ListModelsAsync(ct);
            if (models.Count == 0) await output.Out.WriteLineAsync($"no models in {registry.Blobs.Root}");
            foreach (var model in models) await WriteModel(output.Out, registry, model, ct);
            return 0;
        });
        return command;
    }

    private static async Task WriteModel(TextWriter writer, ModelStore registry, string model, CancellationToken ct)
    {
        var versions = await registry.ListVersionsAsync(model, ct);
        var aliases = await registry.ListAliasesAsync(model, ct);
        await writer.WriteLineAsync(versions.Count == 0 ? $"{model}: no versions" : model);
        foreach (var (version, created) in versions)
        {
            var mlmodel = await registry.ReadMlModelAsync(model, version, ct);
            var pointing = aliases.Where(a => a.Value == version).Select(a => a.Key).ToList();
            var metrics = mlmodel?.MlService.Metrics.OrderBy(m => m.Key, StringComparer.Ordinal)
                .Select(m => $"{m.Key}={m.Value.ToString("0.####", CultureInfo.InvariantCulture)}") ?? [];
            var when = created?.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) ?? "-";
            await writer.WriteLineAsync($"  version {version}  created {when}  aliases: {(pointing.Count == 0 ? "-" : string.Join(",", pointing))}" +
                $"  task: {mlmodel?.MlService.Task ?? "-"}  metrics: {string.Join(" ", metrics)}");
        }
    }
}
