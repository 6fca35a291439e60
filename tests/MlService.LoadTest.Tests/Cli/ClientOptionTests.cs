namespace MlService.LoadTest.Tests.Cli;

public class ClientOptionTests
{
    [Theory]
    [InlineData("", ClientKind.Raw, true)]
    [InlineData("--client raw --protocol mlflow", ClientKind.Raw, true)]
    [InlineData("--client raw --protocol v2", ClientKind.Raw, true)]
    [InlineData("--client httpclient", ClientKind.HttpClient, false)]
    [InlineData("--client raw --protocol grpc", ClientKind.Raw, false)]
    [InlineData("--client raw --protocol grpc-typed", ClientKind.Raw, false)]
    [InlineData("--client raw --target https://127.0.0.1:8443", ClientKind.Raw, false)]
    public async Task TheRawClientIsTheDefaultForRestOverPlainHttp(string arguments, ClientKind kind, bool raw)
    {
        var (exitCode, options) = await ParseAsync(arguments);

        Assert.Equal(0, exitCode);
        Assert.Equal((kind, raw), (options!.Client, options.UsesRawClient));
    }

    [Fact]
    public async Task AnUnknownClientIsAUsageError()
    {
        var (exitCode, options) = await ParseAsync("--client curl");

        Assert.Equal(1, exitCode);
        Assert.Null(options);
    }

    [Fact]
    public async Task TheHelpNamesBothClients()
    {
        var help = new StringWriter();
        var command = LoadTestCommand.Create((_, _) => Task.FromResult(0), TextWriter.Null);

        await command.Parse(["--help"]).InvokeAsync(new System.CommandLine.InvocationConfiguration { Output = help });

        Assert.Matches(@"--client\s+<httpclient\|raw>|--client\s+<raw\|httpclient>", help.ToString());
    }

    private static async Task<(int ExitCode, LoadOptions? Options)> ParseAsync(string arguments)
    {
        LoadOptions? received = null;
        var command = LoadTestCommand.Create((options, _) => { received = options; return Task.FromResult(0); }, TextWriter.Null);
        var exitCode = await command.Parse(arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries)).InvokeAsync(
            new System.CommandLine.InvocationConfiguration { Output = TextWriter.Null, Error = TextWriter.Null });
        return (exitCode, received);
    }
}
