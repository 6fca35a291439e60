namespace MlService.Api.Tests.Storage;

/// <summary>
/// Runs the built trainer CLI (<c>dotnet mlservice-trainer.dll ...</c>, copied next to the tests) as a real
/// process with the given environment (MLflow's S3 names), bounded; returns exit code and output.
/// </summary>
public static class TrainerProcess
{
    public static async Task<(int ExitCode, string Output)> RunAsync(IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "mlservice-trainer.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var (key, value) in environment) start.Environment[key] = value;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start dotnet");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"mlservice-trainer {string.Join(' ', args)} did not finish within 60 s");
        }
        return (process.ExitCode, await stdout + await stderr);
    }
}
