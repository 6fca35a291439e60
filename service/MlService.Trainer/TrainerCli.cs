using System.CommandLine;
using System.CommandLine.Help;
using MlService.Trainer.Commands;

namespace MlService.Trainer;

/// <summary>The command tree of <c>mlservice-trainer</c>; tests run it with their own output writers.</summary>
public static class TrainerCli
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
            var command = string.Join(' ', parse.CommandResult.Command.Parents.OfType<Command>().Reverse().Skip(1)
                .Append(parse.CommandResult.Command).Where(c => c is not RootCommand).Select(c => c.Name));
            await output.Error.WriteLineAsync($"error: {parse.Errors[0].Message} (see '{("mlservice-trainer " + command).Trim()} --help')");
            return 2;
        }
        return await parse.InvokeAsync(new InvocationConfiguration { Output = output.Out, Error = output.Error }, ct);
    }
}
