using System.CommandLine;
using System.Runtime.InteropServices;
using MlService.LoadTest.Safety;

namespace MlService.LoadTest;

/// <summary>
/// Entry point. A named class in our namespace rather than top-level statements: the test project sees the
/// internals of both this tool and MlService.Api, and two global <c>Program</c> classes would collide there.
/// </summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        // Ctrl-C (SIGINT) or SIGTERM (a Kubernetes Job being stopped) stops sending and abandons in-flight
        // requests; the summary and reports are still written. Our own handling replaces System.CommandLine's,
        // which would end the process after a timeout.
        using var interrupt = new CancellationTokenSource();
        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            interrupt.Cancel();
        }
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

        var command = LoadTestCommand.Create(
            (options, cancellation) => new LoadTestRun(options, Console.Out, Console.Error, LoopbackGuard.WithDns()).ExecuteAsync(cancellation),
            Console.Error);
        return await command.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null }, interrupt.Token);
    }
}
