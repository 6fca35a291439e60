namespace MlService.Api.Tests.Infrastructure;

/// <summary>Locates the repository and the built service, in the same configuration as the tests.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>Debug or Release, as the test assembly itself was built.</summary>
    public static string Configuration { get; } =
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

    public static string ApiDll => Path.Combine(Root, "service", "MlService.Api", "bin", Configuration, "net10.0", "MlService.Api.dll");

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "MlService.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("cannot find MlService.sln above " + AppContext.BaseDirectory);
    }
}
