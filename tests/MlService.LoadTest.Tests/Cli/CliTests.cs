namespace MlService.LoadTest.Tests.Cli;

public class CliTests
{
    [Theory]
    [InlineData("--mode open")]
    [InlineData("--rate -5")]
    [InlineData("--batch-size 0")]
    [InlineData("--duration 2h")]
    [InlineData("--duration soon")]
    [InlineData("--protocol thrift")]
    [InlineData("--target ftp://127.0.0.1/")]
    [InlineData("--step-start 10")]
    [InlineData("--max-error-rate 1.5")]
    [InlineData("--no-such-option")]
    [InlineData("--mode closed --rate 100")]
    public async Task UsageErrorsExitWithOneWithoutRunning(string arguments)
    {
        var (exitCode, ran, _) = await ParseAsync(arguments);

        Assert.Equal(1, exitCode);
        Assert.False(ran);
    }

    [Fact]
    public async Task ARateMeansOpenLoopAndDefaultsFillTheRest()
    {
        var (exitCode, _, options) = await ParseAsync("--rate 250 --protocol v2 --duration 1500ms");

        Assert.Equal(0, exitCode);
        Assert.Equal(LoadMode.Open, options!.Mode);
        Assert.Equal(250, options.Rate);
        Assert.Equal(WireProtocol.V2, options.Protocol);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), options.Duration);
        Assert.Equal(new Uri("http://127.0.0.1:8080"), options.Target);
        Assert.Equal("heart-disease", options.Model);
        Assert.Equal((1, 42, 16), (options.BatchSize, options.Seed, options.Connections));
    }

    [Fact]
    public async Task WithoutARateItIsAClosedLoopOfTenSeconds()
    {
        var (_, _, options) = await ParseAsync("-c 4");

        Assert.Equal(LoadMode.Closed, options!.Mode);
        Assert.Equal(4, options.Connections);
        Assert.Equal(TimeSpan.FromSeconds(10), options.Duration);
    }

    [Fact]
    public async Task StepOptionsMeanStepModeCappedAtOneHour()
    {
        var (_, _, options) = await ParseAsync("--step-start 50 --step-increment 25 --step-duration 5s --slo-p99-ms 20");

        Assert.Equal(LoadMode.Step, options!.Mode);
        Assert.Equal((50.0, 25.0, 20.0), (options.StepStart, options.StepIncrement, options.SloP99Ms));
        Assert.Equal(TimeSpan.FromSeconds(5), options.StepDuration);
        Assert.Equal(TimeSpan.FromHours(1), options.Duration);
    }

    private static async Task<(int ExitCode, bool Ran, LoadOptions? Options)> ParseAsync(string arguments)
    {
        LoadOptions? received = null;
        var command = LoadTestCommand.Create((options, _) => { received = options; return Task.FromResult(0); }, TextWriter.Null);
        var exitCode = await command.Parse(arguments.Split(' ')).InvokeAsync(
            new System.CommandLine.InvocationConfiguration { Output = TextWriter.Null, Error = TextWriter.Null });
        return (exitCode, received is not null, received);
    }
}
