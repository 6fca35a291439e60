namespace MlService.Deploy.Tests.Infrastructure;

/// <summary>Absolute paths of the deployment files, found from the test's output folder upwards.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string K8s => Path.Combine(Root, "k8s");
    public static string Compose => Path.Combine(Root, "compose");
    public static string ComposeFile => Path.Combine(Compose, "docker-compose.yml");
    public static string Dockerfile => Path.Combine(Root, "Dockerfile");

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
