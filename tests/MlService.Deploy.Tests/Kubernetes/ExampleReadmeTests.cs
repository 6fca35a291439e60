namespace MlService.Deploy.Tests.Kubernetes;

public sealed class ExampleReadmeTests
{
    private static readonly string Readme = File.ReadAllText(Path.Combine(RepositoryPaths.K8s, "examples", "README.md"));

    [Theory]
    [MemberData(nameof(Kustomize.AllTargets), MemberType = typeof(Kustomize))]
    public void EveryExampleHasAReadmeSectionSayingWhatToRunAndWhatToObserve(string target)
    {
        if (!target.StartsWith("k8s/examples/"))
        {
            return;
        }
        var folder = Path.GetFileName(target);
        var start = Readme.IndexOf($"## {folder}", StringComparison.Ordinal);
        Assert.True(start >= 0, $"README.md has no '## {folder}' section");
        var end = Readme.IndexOf("\n## ", start + 3, StringComparison.Ordinal);
        var section = end < 0 ? Readme[start..] : Readme[start..end];

        // Every example folder is a kustomize target, so students apply it with -k (-f fails on kustomization.yaml).
        Assert.Contains($"kubectl apply -k k8s/examples/{folder}", section);
        Assert.DoesNotContain("kubectl apply -f k8s/examples/", section);
        Assert.Contains("Observe", section);
    }
}
