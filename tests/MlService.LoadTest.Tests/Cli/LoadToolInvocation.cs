using System.CommandLine;
using MlService.LoadTest;
using MlService.LoadTest.Safety;

namespace MlService.LoadTest.Tests.Cli;

/// <summary>Runs the load tool in-process as the command line would, capturing stdout and stderr.</summary>
public static class LoadToolInvocation
{
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var command = LoadTestCommand.Create(
            (options, cancellation) => new LoadTestRun(options, output, error, LoopbackGuard.WithDns()).ExecuteAsync(cancellation),
            error);
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var exitCode = await command.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, bound.Token);
        return (exitCode, output.ToString(), error.ToString());
    }
}
