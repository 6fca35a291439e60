namespace MlService.Api.Tests.Containers;

/// <summary>/metrics of the real process reports its container's cgroup limits and pressure (a fake cgroup tree stands in for the container's).</summary>
[Collection(TrainedModelsCollection.Name)]
public sealed class ContainerMetricsTests(TrainedModels models)
{
    private const string V2 = "sys/fs/cgroup";

    [Fact]
    public async Task LimitsUsageAndThrottlingAppearAndFollowTheCgroup()
    {
        using var tree = FakeCgroupTree.V2("/kubepods.slice/pod1.slice/cri-abc.scope", mountRoot: "/kubepods.slice/pod1.slice/cri-abc.scope")
            .Write($"{V2}/memory.max", "134217728\n")
            .Write($"{V2}/memory.current", "41943040\n")
            .Write($"{V2}/cpu.max", "50000 100000\n")
            .Write($"{V2}/cpu.stat", "usage_usec 8000000\nnr_periods 258\nnr_throttled 200\nthrottled_usec 1500000\n");
        await using var service = await ServiceProcess.StartAsync(Env(tree));
        using var client = service.CreateClient();

        var text = await client.GetStringAsync("/metrics");

        Assert.Contains("\nmlservice_container_memory_limit_bytes 134217728\n", text);
        Assert.Contains("\nmlservice_container_memory_usage_bytes 41943040\n", text);
        Assert.Contains("\nmlservice_container_cpu_quota_seconds 0.05\n", text);
        Assert.Contains("\nmlservice_container_cpu_period_seconds 0.1\n", text);
        Assert.Contains("\nmlservice_container_cpu_cfs_periods_total 258\n", text);
        Assert.Contains("\nmlservice_container_cpu_cfs_throttled_periods_total 200\n", text);
        Assert.Contains("\nmlservice_container_cpu_cfs_throttled_seconds_total 1.5\n", text);
        Assert.Contains("# TYPE mlservice_container_cpu_cfs_throttled_periods_total counter", text);
        var (exit, stdout, stderr) = await ExternalTool.RunAsync(ExternalTool.Require("promtool"), ["check", "metrics"], stdin: text);
        Assert.True(exit == 0, $"promtool check metrics failed ({exit}):\n{stdout}\n{stderr}");

        // Read at scrape time: the next scrape shows the kernel's new counts.
        tree.Write($"{V2}/cpu.stat", "usage_usec 9000000\nnr_periods 300\nnr_throttled 240\nthrottled_usec 2000000\n");
        var later = await client.GetStringAsync("/metrics");
        Assert.Contains("\nmlservice_container_cpu_cfs_throttled_periods_total 240\n", later);
        Assert.Contains("\nmlservice_container_cpu_cfs_throttled_seconds_total 2\n", later);
    }

    [Fact]
    public async Task WithoutLimitsTheLimitSeriesAreAbsent()
    {
        using var tree = FakeCgroupTree.V1("/user.slice/session-1.scope")
            .Write("sys/fs/cgroup/memory/user.slice/session-1.scope/memory.limit_in_bytes", "9223372036854771712\n")
            .Write("sys/fs/cgroup/memory/user.slice/session-1.scope/memory.usage_in_bytes", "52428800\n")
            .Write("sys/fs/cgroup/cpu,cpuacct/user.slice/session-1.scope/cpu.cfs_quota_us", "-1\n")
            .Write("sys/fs/cgroup/cpu,cpuacct/user.slice/session-1.scope/cpu.cfs_period_us", "100000\n");
        await using var service = await ServiceProcess.StartAsync(Env(tree));
        using var client = service.CreateClient();

        var response = await client.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\nmlservice_container_memory_usage_bytes 52428800\n", text);
        Assert.DoesNotContain("\nmlservice_container_memory_limit_bytes ", text);
        Assert.DoesNotContain("\nmlservice_container_cpu_quota_seconds ", text);
        Assert.DoesNotContain("\nmlservice_container_cpu_period_seconds ", text);
        Assert.DoesNotContain("\nmlservice_container_cpu_cfs_periods_total ", text);
    }

    private Dictionary<string, string?> Env(FakeCgroupTree tree) =>
        models.HeartDiseaseProcess(ServiceEnvironment.UniqueCacheFolder(), ("MLSERVICE_CGROUP_ROOT", tree.Root));
}
