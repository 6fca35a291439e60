namespace MlService.Deploy.Tests.Kubernetes;

public sealed class ImageTests
{
    [Theory]
    [MemberData(nameof(Kustomize.AllTargets), MemberType = typeof(Kustomize))]
    public void ServerTrainerAndLoadToolUseOneImageWithinATarget(string target)
    {
        var images = Workload.In(Kustomize.Objects(target)).SelectMany(w => w.AllContainers)
            .Select(c => c.Image).Where(Images.IsService).Distinct().ToList();

        Assert.True(images.Count <= 1, $"{target}: {string.Join(", ", images)}");
    }

    [Theory]
    [MemberData(nameof(Kustomize.AllTargets), MemberType = typeof(Kustomize))]
    public void EveryImageIsPinnedToATag(string target)
    {
        foreach (var image in Workload.In(Kustomize.Objects(target)).SelectMany(w => w.AllContainers).Select(c => c.Image))
        {
            var tag = Images.Tag(image);
            Assert.False(tag is null or "latest", $"{target}: {image} is not pinned");
        }
    }

    [Fact]
    public void DevOverlayExamplesAndComposeAllRunTheLocallyBuiltImage()
    {
        var dev = Workload.In(Kustomize.Objects("k8s/overlays/dev")).SelectMany(w => w.AllContainers)
            .Select(c => c.Image).Where(Images.IsService).Distinct();
        var examples = Kustomize.Examples.SelectMany(e => Workload.In(Kustomize.Objects(e)))
            .SelectMany(w => w.AllContainers).Select(c => c.Image).Where(Images.IsService).Distinct();

        Assert.Equal([Images.LocalDevImage], dev);
        Assert.Equal([Images.LocalDevImage], examples);
        Assert.Contains($"&mlservice-image ${{MLSERVICE_IMAGE:-{Images.LocalDevImage}}}", File.ReadAllText(RepositoryPaths.ComposeFile));
        Assert.Contains($"MLSERVICE_IMAGE={Images.LocalDevImage}", File.ReadAllText(Path.Combine(RepositoryPaths.Compose, ".env.example")));
    }

    [Fact]
    public void ThirdPartyImagesAreTheSameVersionInComposeAndKubernetes()
    {
        var compose = File.ReadAllText(RepositoryPaths.ComposeFile);
        var kubernetes = Kustomize.Targets.SelectMany(t => Workload.In(Kustomize.Objects(t)))
            .SelectMany(w => w.AllContainers).Select(c => c.Image).Where(i => i.Contains("minio/")).Distinct().ToList();

        Assert.Equal(["quay.io/minio/mc", "quay.io/minio/minio"],
            kubernetes.Select(Images.Repository).Distinct().Order(StringComparer.Ordinal));
        Assert.All(kubernetes, image => Assert.Contains($"image: {image}", compose));
    }
}
