namespace MlService.Deploy.Tests.Container;

public sealed class DockerfileTests
{
    private static readonly string[] Lines = File.ReadAllLines(RepositoryPaths.Dockerfile);

    private static IEnumerable<string> Instructions(string name) =>
        Lines.Where(l => l.StartsWith(name + " ", StringComparison.Ordinal)).Select(l => l[(name.Length + 1)..].Trim());

    [Fact]
    public void ServerRunsByDefaultAndOtherToolsByArgument()
    {
        Assert.Equal(["[\"dotnet\"]"], Instructions("ENTRYPOINT"));
        Assert.Equal(["[\"MlService.Api.dll\"]"], Instructions("CMD"));
    }

    [Fact]
    public void FinalStageRunsAsTheNonRootAppUserOnPort8080()
    {
        var finalStage = Lines.SkipWhile(l => !l.StartsWith("FROM ${RUNTIME_IMAGE}", StringComparison.Ordinal)).ToList();

        Assert.Contains("USER $APP_UID", finalStage);
        Assert.Contains($"EXPOSE {KnownRoutes.ContainerPort}", finalStage);
        Assert.Contains(finalStage, l => l.Contains($"ASPNETCORE_HTTP_PORTS={KnownRoutes.ContainerPort}"));
    }

    [Fact]
    public void RestoreLayerCopiesEveryProjectFileTheImageBuilds()
    {
        var copied = Instructions("COPY").Select(c => c.Split(' ')[0]).ToHashSet();
        var projects = Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "service"), "*.csproj", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(RepositoryPaths.Root, p).Replace('\\', '/'));

        Assert.All(projects, p => Assert.Contains(p, copied));
        Assert.Contains("Directory.Packages.props", Instructions("COPY").First());
        // Sources come after restore, so editing code does not invalidate the restore layer.
        var restore = Array.FindIndex(Lines, l => l.Contains("dotnet restore"));
        var sources = Array.FindIndex(Lines, l => l == "COPY service/ service/");
        Assert.True(restore > 0 && sources > restore);
    }

    [Fact]
    public void BaseImagesAreTheOfficialOnesThatTheLocalScriptRebuilds()
    {
        var script = File.ReadAllText(RepositoryPaths.Combine("tests", "container", "build-base-images.sh"));
        var baseImages = Regex.Matches(File.ReadAllText(RepositoryPaths.Dockerfile), @"ARG \w+_IMAGE=(\S+)")
            .Select(m => m.Groups[1].Value).ToList();

        Assert.Equal(["mcr.microsoft.com/dotnet/sdk:10.0", "mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled"], baseImages);
        Assert.All(baseImages, image => Assert.Contains(image, script));
    }

    [Fact]
    public void BuildContextExcludesWhatTheImageDoesNotNeed()
    {
        var ignored = File.ReadAllLines(Path.Combine(RepositoryPaths.Root, ".dockerignore"));

        Assert.Contains("**/bin/", ignored);
        Assert.Contains("**/obj/", ignored);
        Assert.Contains(".git/", ignored);
        Assert.Contains(".env", ignored);
    }

    [Theory]
    [InlineData("amd64", "", "linux-x64")]
    [InlineData("arm64", "", "linux-arm64")]
    [InlineData("arm64", "linux-musl-arm64", "linux-musl-arm64")]
    public void RuntimeIdentifierFollowsTheTargetArchitecture(string targetArch, string rid, string expected)
    {
        Assert.Equal(expected, RunRidStep($"TARGETARCH={targetArch}", $"RID={rid}").StandardOutput.Trim().Split(' ')[^1]);
    }

    [Fact]
    public void RuntimeIdentifierFallsBackToTheBuildMachineWithoutBuildKit()
    {
        var machine = ExternalTool.Run("uname", ["-m"]).StandardOutput.Trim();
        // The image is built on x64 or arm64 machines only; elsewhere RID must be given.
        var expected = machine == "aarch64" ? "linux-arm64" : "linux-x64";

        Assert.EndsWith(expected, RunRidStep("TARGETARCH=", "RID=").StandardOutput.Trim());
    }

    [Fact]
    public void EveryRestoreAndPublishUsesTheComputedRuntimeIdentifier()
    {
        var text = File.ReadAllText(RepositoryPaths.Dockerfile);

        Assert.DoesNotContain("-r linux-", text);
        Assert.Equal(3, Regex.Matches(text, @"dotnet restore \S+ -r \$RID").Count);
        Assert.Equal(3, Regex.Matches(text, @"dotnet publish \S+ -c Release -r \$RID").Count);
        Assert.Equal(2, Regex.Matches(text, @"RUN RID=\$\(cat /tmp/rid\)").Count);
    }

    // The Dockerfile's own RUN step that maps TARGETARCH to a runtime identifier, run by sh with its file moved
    // to a temporary path.
    private static ExternalTool.Result RunRidStep(params string[] environment)
    {
        var start = Array.FindIndex(Lines, l => l.StartsWith("RUN arch=", StringComparison.Ordinal));
        var end = Array.FindIndex(Lines, start, l => !l.EndsWith('\\'));
        var file = Path.GetTempFileName();
        try
        {
            var script = string.Join("\n", Lines[start..(end + 1)])[4..].Replace("/tmp/rid", file);
            var result = ExternalTool.Run("env", [.. environment, "sh", "-c", script]);
            Assert.Equal(0, result.ExitCode);
            return result;
        }
        finally
        {
            File.Delete(file);
        }
    }
}
