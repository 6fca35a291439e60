using System.Diagnostics;

namespace MlService.TestSupport.S3;

/// <summary>
/// The npm package folder <c>tests/s3rver</c>: s3rver pinned by package-lock.json plus our launcher. Installs
/// node_modules with <c>npm ci</c> the first time (a fresh CI machine), under a file lock so two test processes
/// never install at once; later runs find it installed and do nothing.
/// </summary>
public static class S3rverPackage
{
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);

    public static string Directory { get; } = Path.Combine(RepositoryPaths.Root, "tests", "s3rver");

    public static string Launcher => Path.Combine(Directory, "start-s3rver.js");

    private static bool IsInstalled => File.Exists(Path.Combine(Directory, "node_modules", "s3rver", "package.json"));

    public static async Task EnsureInstalledAsync()
    {
        if (IsInstalled) return;
        await using var installLock = await AcquireLockAsync();
        if (IsInstalled) return;
        var command = File.Exists(Path.Combine(Directory, "package-lock.json")) ? "ci" : "install";
        var npm = new ProcessStartInfo("npm")
        {
            WorkingDirectory = Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { command, "--no-audit", "--no-fund" }) npm.ArgumentList.Add(argument);
        using var process = Process.Start(npm) ?? throw new InvalidOperationException("cannot start npm: node 20 and npm must be installed");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(InstallTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"npm {command} in {Directory} did not finish within {InstallTimeout}");
        }
        if (process.ExitCode != 0 || !IsInstalled)
            throw new InvalidOperationException($"npm {command} in {Directory} failed ({process.ExitCode}):\n{await output}\n{await errors}");
    }

    private static async Task<FileStream> AcquireLockAsync()
    {
        var path = Path.Combine(Directory, ".install.lock");
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException) when (deadline.Elapsed < InstallTimeout)
            {
                // Another test process is installing; it holds the lock until npm is done.
                await Task.Delay(50);
            }
        }
    }
}
