using MlService.Trainer.Stores;

namespace MlService.Trainer.Commands;

/// <summary><c>alias set|list|delete</c>: moves, shows and removes the aliases of a registered model.</summary>
public static class AliasCommand
{
    public static Command Create(CliOutput output) => new("alias", "Manage model aliases (e.g. champion -> 3)")
    {
        Set(output), List(output), Delete(output),
    };

    private static Command Set(CliOutput output)
    {
        var (store, name, alias) = (StoreCommandOptions.Store(), StoreCommandOptions.Name(), AliasOption());
        var version = new Option<int>("--version") { Description = "Version the alias points at", Required = true };
        var command = new Command("set", "Point an alias at an existing version") { store, name, alias, version };
        CommandAction.Set(command, output, async (parse, ct) =>
        {
            var (model, aliasName, number) = (parse.GetRequiredValue(name), parse.GetRequiredValue(alias), parse.GetValue(version));
            await StoreOpener.Open(parse.GetRequiredValue(store)).SetAliasAsync(model, aliasName, number, ct);
            await output.Out.WriteLineAsync($"alias {aliasName} of {model} -> {number}");
            return 0;
        });
        return command;
    }

    private static Command List(CliOutput output)
    {
        var (store, name) = (StoreCommandOptions.Store(), StoreCommandOptions.Name());
        var command = new Command("list", "List the aliases of a model") { store, name };
        CommandAction.Set(command, output, async (parse, ct) =>
        {
            var aliases = await StoreOpener.Open(parse.GetRequiredValue(store)).ListAliasesAsync(parse.GetRequiredValue(name), ct);
            foreach (var (alias, version) in aliases) await output.Out.WriteLineAsync($"{alias} -> {version}");
            return 0;
        });
        return command;
    }

    private static Command Delete(CliOutput output)
    {
        var (store, name, alias) = (StoreCommandOptions.Store(), StoreCommandOptions.Name(), AliasOption());
        var command = new Command("delete", "Remove an alias") { store, name, alias };
        CommandAction.Set(command, output, async (parse, ct) =>
        {
            var registry = StoreOpener.Open(parse.GetRequiredValue(store));
            var (model, aliasName) = (parse.GetRequiredValue(name), parse.GetRequiredValue(alias));
            if (await registry.GetAliasAsync(model, aliasName, ct) is null)
                throw new ArgumentException($"model '{model}' has no alias '{aliasName}'");
            await registry.DeleteAliasAsync(model, aliasName, ct);
            await output.Out.WriteLineAsync($"alias {aliasName} of {model} deleted");
            return 0;
        });
        return command;
    }

    private static Option<string> AliasOption() => new("--alias") { Description = "Alias name, e.g. champion", Required = true };
}
