using YamlDotNet.RepresentationModel;

namespace MlService.Deploy.Tests.Kubernetes;

/// <summary>
/// The kind quickstart cannot run here (no Docker engine, no cluster, no download): these checks read the kind
/// config and expand the Makefile targets with `make -n`, which runs nothing.
/// </summary>
public sealed class KindQuickstartTests
{
    private static readonly string WatchFile = RepositoryPaths.Combine("k8s", "kind", "demo-watch.txt");

    public static TheoryData<string> ExampleFolders => new(Kustomize.Examples.Select(Path.GetFileName).Select(f => f!));

    [Fact]
    public void KindClusterHasOneControlPlaneAndTwoWorkers()
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(File.ReadAllText(RepositoryPaths.Combine("k8s", "kind", "cluster.yaml"))));
        var root = (YamlMappingNode)yaml.Documents.Single().RootNode;

        Assert.Equal("Cluster", root["kind"].ToString());
        Assert.Equal("kind.x-k8s.io/v1alpha4", root["apiVersion"].ToString());
        var roles = ((YamlSequenceNode)root["nodes"]).Select(n => ((YamlMappingNode)n)["role"].ToString());
        Assert.Equal(["control-plane", "worker", "worker"], roles);
    }

    [Theory]
    [MemberData(nameof(ExampleFolders))]
    public void EveryExampleHasADemoTargetThatAppliesItsFolderAndSaysWhatToWatch(string folder)
    {
        var number = folder[..folder.IndexOf('-')];

        var dryRun = Make("-n", $"demo-{number}");

        Assert.Equal(0, dryRun.ExitCode);
        Assert.Contains($"kubectl apply -k k8s/examples/{folder}\n", dryRun.StandardOutput);
        var watch = File.ReadAllLines(WatchFile).Where(l => l.StartsWith(number + " ", StringComparison.Ordinal)).ToList();
        Assert.InRange(watch.Count, 1, 2);
    }

    [Fact]
    public void DemoOfAMissingFolderFailsWithItsName()
    {
        var run = Make("demo-99");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("no example folder k8s/examples/99-*", run.StandardError);
    }

    [Fact]
    public void KindLoadShipsAnImageArchiveSoPodmanWorksToo()
    {
        var dryRun = Make("-n", "kind-load", "CONTAINER_ENGINE=podman", "IMAGE=mlservice:dev");

        Assert.Contains("podman save -o", dryRun.StandardOutput);
        // Named as the manifests' `mlservice:dev` resolves on the nodes, not podman's localhost/ prefix.
        Assert.Contains("podman tag mlservice:dev docker.io/library/mlservice:dev", dryRun.StandardOutput);
        Assert.Contains("KIND_EXPERIMENTAL_PROVIDER=podman kind load image-archive", dryRun.StandardOutput);
    }

    [Fact]
    public void KindUpUsesTheClusterConfigAndInstallsMetricsServer()
    {
        var dryRun = Make("-n", "kind-up", "CONTAINER_ENGINE=docker");

        Assert.Contains("kind create cluster --name mlservice --config k8s/kind/cluster.yaml", dryRun.StandardOutput);
        Assert.Contains("metrics-server", dryRun.StandardOutput);
        Assert.Contains("cloud-provider-kind", dryRun.StandardOutput);
    }

    [Theory]
    [InlineData(0, "docker build")]
    [InlineData(1, "podman build")]
    public void ContainerEngineIsDockerOnlyWhenADockerEngineAnswers(int dockerInfoExitCode, string expected)
    {
        // A docker client with no engine behind it (as on this machine) must not be chosen.
        var bin = Directory.CreateTempSubdirectory("mlservice-fake-docker-");
        try
        {
            var docker = Path.Combine(bin.FullName, "docker");
            File.WriteAllText(docker, $"#!/bin/sh\nexit {dockerInfoExitCode}\n");
            Assert.Equal(0, ExternalTool.Run("chmod", ["+x", docker]).ExitCode);
            var path = bin.FullName + ":" + Environment.GetEnvironmentVariable("PATH");

            var dryRun = ExternalTool.Run("env", ["-u", "CONTAINER_ENGINE", $"PATH={path}", "make", "-n", "docker-build"]);

            Assert.Contains(expected + " -t ", dryRun.StandardOutput);
        }
        finally
        {
            bin.Delete(recursive: true);
        }
    }

    private static ExternalTool.Result Make(params string[] arguments) =>
        ExternalTool.Run("env", ["-u", "CONTAINER_ENGINE", "make", "--no-print-directory", .. arguments]);
}
