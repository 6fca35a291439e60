using System.CommandLine;

namespace MlService.LoadTest.Cli;

/// <summary>The root command: parses, binds and hands valid options to the run. Usage errors exit with 1.</summary>
public static class LoadTestCommand
{
    public const int UsageError = 1;

    public static RootCommand Create(Func<LoadOptions, CancellationToken, Task<int>> run, TextWriter error)
    {
        var options = new CliOptions();
        var root = new RootCommand("mlservice-loadtest: open/closed/step load against an MlService and a truthful report.");
        foreach (var option in options.All()) root.Options.Add(option);
        root.SetAction(async (parse, cancellation) =>
        {
            var errors = new List<string>();
            var bound = LoadOptionsBinder.Bind(options, parse, errors);
            if (bound is null)
            {
                foreach (var message in errors) await error.WriteLineAsync($"error: {message}");
                return UsageError;
            }
            return await run(bound, cancellation);
        });
        return root;
    }
}
