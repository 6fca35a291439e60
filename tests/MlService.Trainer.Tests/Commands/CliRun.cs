using MlService.Trainer;
using MlService.Trainer.Commands;

namespace MlService.Trainer.Tests.Commands;

/// <summary>One run of the trainer CLI in process, with what it printed.</summary>
public sealed record CliRun(int ExitCode, string Out, string Error)
{
    public static async Task<CliRun> Of(params string[] args)
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var code = await TrainerCli.RunAsync(args, new CliOutput(stdout, stderr));
        return new CliRun(code, stdout.ToString(), stderr.ToString());
    }
}
