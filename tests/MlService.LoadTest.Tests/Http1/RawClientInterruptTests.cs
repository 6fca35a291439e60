using System.CommandLine;
using System.Diagnostics;
using MlService.LoadTest.Safety;

namespace MlService.LoadTest.Tests.Http1;

public sealed class RawClientInterruptTests
{
    [Theory]
    [InlineData("--mode", "closed", "-c", "3")]
    [InlineData("--rate", "200", "--requests", "3")]
    public async Task CtrlCAbandonsRequestsInFlightOnTheRawClient(params string[] modeArgs)
    {
        await using var server = new ScriptedHttpServer((_, _) => null); // holds every request
        var dir = Directory.CreateTempSubdirectory("loadtest-int-").FullName;
        var rows = Path.Combine(dir, "rows.json");
        await File.WriteAllTextAsync(rows, """[{"x":1}]""");
        var output = new StringWriter();
        using var interrupt = new CancellationTokenSource();
        var command = LoadTestCommand.Create(
            (options, cancellation) => new LoadTestRun(options, output, TextWriter.Null, LoopbackGuard.WithDns()).ExecuteAsync(cancellation),
            TextWriter.Null);

        var run = command.Parse(["--target", server.BaseUrl.ToString(), "--model", "m", "--rows-file", rows, "--no-progress", "--timeout", "60s", .. modeArgs])
            .InvokeAsync(new InvocationConfiguration { Output = output, Error = TextWriter.Null }, interrupt.Token);
        await WaitUntilAsync(() => server.Requests == 3);
        await interrupt.CancelAsync();
        var exitCode = await run.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(0, exitCode);
        Assert.Contains("requests      0 (0 ok, 0 errors = 0.00 %, 3 abandoned at stop)", output.ToString());
        Directory.Delete(dir, recursive: true);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(30)) throw new TimeoutException("condition not reached in 30 s");
            await Task.Delay(10);
        }
    }
}
