namespace MlService.TestSupport;

/// <summary>
/// Absolute paths in the repository, found from the test's output folder upwards, and the built service in the
/// same configuration as the tests.
/// </summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string K8s => Path.Combine(Root, "k8s");
    public static string Compose => Path.Combine(Root, "compose");
    public static string ComposeFile => Path.Combine(Compose, "docker-compose.yml");
    public static string Dockerfile => Path.Combine(Root, "Dockerfile");

    /// <summary>Debug or Release, as the test assembly itself was built.</summary>
    public static string Configuration { get; } =
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

    public static string ApiDll => Path.Combine(Root, "service", "MlService.Api", "bin", Configuration, "net10.0", "MlService.Api.dll");

    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MlService.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"MlService.sln not found above {AppContext.BaseDirectory}");
    }
}
