using System.Collections.Concurrent;
using k8s;

namespace MlService.Deploy.Tests.Infrastructure;

/// <summary>
/// Renders kustomize targets with the real `kubectl kustomize` and parses the result with KubernetesClient's typed
/// models in strict mode (an unknown or misplaced field fails). Each target is rendered once per test run.
/// </summary>
public static class Kustomize
{
    private static readonly ConcurrentDictionary<string, Lazy<string>> Rendered = new();

    /// <summary>Every kustomize target in k8s/: base, overlays and each example, as paths relative to the repo.</summary>
    public static IReadOnlyList<string> Targets { get; } = FindTargets();

    public static IReadOnlyList<string> Overlays => Targets.Where(t => t.StartsWith("k8s/overlays/")).ToList();

    public static IReadOnlyList<string> Examples => Targets.Where(t => t.StartsWith("k8s/examples/")).ToList();

    public static TheoryData<string> AllTargets => new(Targets);

    public static TheoryData<string> OverlayTargets => new(Overlays);

    public static string Render(string target) =>
        Rendered.GetOrAdd(target, t => new Lazy<string>(() => RenderNow(t))).Value;

    public static IReadOnlyList<object> Objects(string target) =>
        KubernetesYaml.LoadAllFromString(Render(target), strict: true);

    public static string RenderNow(string directory)
    {
        var result = ExternalTool.Run("kubectl", ["kustomize", directory]);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"kubectl kustomize {directory} failed ({result.ExitCode}):\n{result.StandardError}");
        }
        return result.StandardOutput;
    }

    private static IReadOnlyList<string> FindTargets()
    {
        var k8s = RepositoryPaths.K8s;
        return Directory.EnumerateFiles(k8s, "kustomization.yaml", SearchOption.AllDirectories)
            .Select(Path.GetDirectoryName)
            .Select(dir => Path.GetRelativePath(RepositoryPaths.Root, dir!).Replace('\\', '/'))
            .Where(dir => !dir.StartsWith("k8s/components/"))
            .Order(StringComparer.Ordinal)
            .ToList();
    }
}
