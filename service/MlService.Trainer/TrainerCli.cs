using System.CommandLine.Help;
using System.CommandLine.Parsing;
using System.Text.RegularExpressions;
using MlService.Trainer.Commands;

namespace MlService.Trainer;

/// <summary>The command tree of <c>mlservice-trainer</c>; tests run it with their own output writers.</summary>
public static partial class TrainerCli
{
    public static RootCommand Build(CliOutput output) => new("MlService trainer: generate demo data, train ML.NET models, publish them to a store")
    {
        DatagenCommand.Create(output),
        TrainCommand.Create(output),
        PublishCommand.Create(output),
        AliasCommand.Create(output),
        ListCommand.Create(output),
    };

    /// <summary>Parses and runs; bad usage prints one line (not the whole help) and exits 2.</summary>
    public static async Task<int> RunAsync(string[] args, CliOutput output, CancellationToken ct = default)
    {
        var parse = Build(output).Parse(args);
        if (parse.Errors.Count > 0 && parse.Action is not HelpAction)
        {
            var path = new List<string>();
            for (var result = parse.CommandResult; result is not null; result = result.Parent as CommandResult)
                path.Insert(0, result.Command is RootCommand ? "mlservice-trainer" : result.Command.Name);
            var messages = string.Join(" ", parse.Errors.Select(e => OneLine().Replace(e.Message, " ")));
            await output.Error.WriteLineAsync($"error: {messages} (see '{string.Join(' ', path)} --help')");
            return 2;
        }
        return await parse.InvokeAsync(new InvocationConfiguration { Output = output.Out, Error = output.Error }, ct);
    }

    [GeneratedRegex(@"\s*\r?\n\s*")]
    private static partial Regex OneLine();
}
