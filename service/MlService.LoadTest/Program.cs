using System.CommandLine;
using MlService.LoadTest;
using MlService.LoadTest.Cli;
using MlService.LoadTest.Safety;

// Ctrl-C stops sending and abandons in-flight requests; the summary and reports are still written.
using var interrupt = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    interrupt.Cancel();
};

var command = LoadTestCommand.Create(
    (options, cancellation) => new LoadTestRun(options, Console.Out, Console.Error, LoopbackGuard.WithDns()).ExecuteAsync(cancellation),
    Console.Error);
// Our own Ctrl-C handling instead of System.CommandLine's, which would end the process after a timeout.
return await command.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null }, interrupt.Token);
