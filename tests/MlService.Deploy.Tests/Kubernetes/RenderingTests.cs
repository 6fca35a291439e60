using k8s;
using YamlDotNet.Core;

namespace MlService.Deploy.Tests.Kubernetes;

public sealed class RenderingTests
{
    [Theory]
    [MemberData(nameof(Kustomize.AllTargets), MemberType = typeof(Kustomize))]
    public void EveryTargetRendersAndParsesStrictlyIntoTypedObjects(string target)
    {
        var objects = Kustomize.Objects(target);

        Assert.NotEmpty(objects);
        Assert.All(objects, o => Assert.Equal("k8s.Models", o.GetType().Namespace));
    }

    [Fact]
    public void TargetsCoverBothOverlaysAndEveryExampleFolder()
    {
        var exampleFolders = Directory.GetDirectories(Path.Combine(RepositoryPaths.K8s, "examples"))
            .Select(d => "k8s/examples/" + Path.GetFileName(d));

        Assert.Equal(["k8s/overlays/dev", "k8s/overlays/prod"], Kustomize.Overlays);
        Assert.Equal(exampleFolders.Order(StringComparer.Ordinal), Kustomize.Examples);
        Assert.True(Kustomize.Examples.Count >= 15, "one example per seminar topic");
    }

    [Theory]
    [MemberData(nameof(Kustomize.AllTargets), MemberType = typeof(Kustomize))]
    public void EveryManifestFileOfAnExampleIsListedInItsKustomization(string target)
    {
        if (!target.StartsWith("k8s/examples/"))
        {
            return;
        }
        var folder = RepositoryPaths.Combine(target);
        var kustomization = File.ReadAllText(Path.Combine(folder, "kustomization.yaml"));
        var manifests = Directory.GetFiles(folder, "*.yaml").Select(Path.GetFileName)
            .Where(f => f != "kustomization.yaml");

        Assert.All(manifests, m => Assert.Contains($"  - {m}\n", kustomization));
    }

    [Fact]
    public void StrictParsingRejectsAMisspelledField()
    {
        // Guards the gate itself: without strict mode this typo would be dropped silently.
        var yaml = Kustomize.Render("k8s/overlays/dev").Replace("  replicas: 1\n", "  replicass: 1\n");
        Assert.Contains("replicass", yaml);

        var error = Assert.Throws<YamlException>(() => KubernetesYaml.LoadAllFromString(yaml, strict: true));
        Assert.Contains("replicass", error.Message);
    }

    [Fact]
    public void KustomizeFailureReportsKubectlsError()
    {
        var missing = Path.Combine(Path.GetTempPath(), "mlservice-no-such-kustomization-" + Guid.NewGuid());

        var error = Assert.Throws<InvalidOperationException>(() => Kustomize.RenderNow(missing));
        Assert.Contains("kubectl kustomize", error.Message);
        Assert.Contains("no such file or directory", error.Message, StringComparison.OrdinalIgnoreCase);
    }
}
