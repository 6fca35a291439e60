using MlService.Api.Containers;

namespace MlService.Api.Tests.Containers;

public sealed class CgroupReaderTests
{
    private const string V1Cpu = "sys/fs/cgroup/cpu,cpuacct";
    private const string V1Memory = "sys/fs/cgroup/memory";
    private const string V2 = "sys/fs/cgroup";

    [Fact]
    public void V1LimitsAndThrottlingAreReadFromTheProcessCgroup()
    {
        using var tree = FakeCgroupTree.V1("/kubepods/burstable/pod1/abc")
            .Write($"{V1Memory}/kubepods/burstable/pod1/abc/memory.limit_in_bytes", "134217728\n")
            .Write($"{V1Memory}/kubepods/burstable/pod1/abc/memory.usage_in_bytes", "52428800\n")
            .Write($"{V1Cpu}/kubepods/burstable/pod1/abc/cpu.cfs_quota_us", "50000\n")
            .Write($"{V1Cpu}/kubepods/burstable/pod1/abc/cpu.cfs_period_us", "100000\n")
            .Write($"{V1Cpu}/kubepods/burstable/pod1/abc/cpu.stat", "nr_periods 258\nnr_throttled 200\nthrottled_time 1500000000\nnr_bursts 0\nburst_time 0\n")
            // The parent's limit is not the process's.
            .Write($"{V1Memory}/memory.limit_in_bytes", "9223372036854771712\n");

        var s = new CgroupReader(tree.Root).Read();

        Assert.Equal(134217728, s.MemoryLimitBytes);
        Assert.Equal(52428800, s.MemoryUsageBytes);
        Assert.Equal(0.05, s.CpuQuotaSeconds);
        Assert.Equal(0.1, s.CpuPeriodSeconds);
        Assert.Equal(258, s.CfsPeriods);
        Assert.Equal(200, s.CfsThrottledPeriods);
        Assert.Equal(1.5, s.CfsThrottledSeconds);
    }

    [Fact]
    public void V1WithoutLimitsHasNoLimitValues()
    {
        using var tree = FakeCgroupTree.V1()
            .Write($"{V1Memory}/memory.limit_in_bytes", "9223372036854771712\n")
            .Write($"{V1Memory}/memory.usage_in_bytes", "1000\n")
            .Write($"{V1Cpu}/cpu.cfs_quota_us", "-1\n")
            .Write($"{V1Cpu}/cpu.cfs_period_us", "100000\n")
            .Write($"{V1Cpu}/cpu.stat", "nr_periods 0\nnr_throttled 0\nthrottled_time 0\n");

        var s = new CgroupReader(tree.Root).Read();

        Assert.Null(s.MemoryLimitBytes);
        Assert.Null(s.CpuQuotaSeconds);
        Assert.Null(s.CpuPeriodSeconds);
        Assert.Equal(1000, s.MemoryUsageBytes);
        Assert.Equal(0, s.CfsThrottledPeriods);
    }

    [Fact]
    public void AV1MountWhoseRootIsTheContainerCgroupMapsToTheMountPoint()
    {
        // A container without a cgroup namespace: /proc/self/cgroup shows the host path, the mount's root is that same path.
        using var tree = FakeCgroupTree.V1("/machine.slice/libpod-1.scope", mountRoot: "/machine.slice/libpod-1.scope")
            .Write($"{V1Memory}/memory.limit_in_bytes", "73400320\n")
            .Write($"{V1Cpu}/cpu.cfs_quota_us", "50000\n")
            .Write($"{V1Cpu}/cpu.cfs_period_us", "100000\n");

        var s = new CgroupReader(tree.Root).Read();

        Assert.Equal(73400320, s.MemoryLimitBytes);
        Assert.Equal(0.05, s.CpuQuotaSeconds);
    }

    [Fact]
    public void V2LimitsAndThrottlingAreRead()
    {
        using var tree = FakeCgroupTree.V2("/kubepods.slice/pod1.slice/cri-abc.scope")
            .Write($"{V2}/kubepods.slice/pod1.slice/cri-abc.scope/memory.max", "134217728\n")
            .Write($"{V2}/kubepods.slice/pod1.slice/cri-abc.scope/memory.current", "41943040\n")
            .Write($"{V2}/kubepods.slice/pod1.slice/cri-abc.scope/cpu.max", "50000 100000\n")
            .Write($"{V2}/kubepods.slice/pod1.slice/cri-abc.scope/cpu.stat",
                "usage_usec 8000000\nuser_usec 6000000\nsystem_usec 2000000\nnr_periods 400\nnr_throttled 120\nthrottled_usec 2500000\n");

        var s = new CgroupReader(tree.Root).Read();

        Assert.Equal(134217728, s.MemoryLimitBytes);
        Assert.Equal(41943040, s.MemoryUsageBytes);
        Assert.Equal(0.05, s.CpuQuotaSeconds);
        Assert.Equal(0.1, s.CpuPeriodSeconds);
        Assert.Equal(400, s.CfsPeriods);
        Assert.Equal(120, s.CfsThrottledPeriods);
        Assert.Equal(2.5, s.CfsThrottledSeconds);
    }

    [Fact]
    public void V2MaxMeansNoLimit()
    {
        using var tree = FakeCgroupTree.V2("/")
            .Write($"{V2}/memory.max", "max\n")
            .Write($"{V2}/memory.current", "1000\n")
            .Write($"{V2}/cpu.max", "max 100000\n")
            .Write($"{V2}/cpu.stat", "usage_usec 10\nuser_usec 5\nsystem_usec 5\n");

        var s = new CgroupReader(tree.Root).Read();

        Assert.Null(s.MemoryLimitBytes);
        Assert.Null(s.CpuQuotaSeconds);
        Assert.Null(s.CpuPeriodSeconds);
        Assert.Null(s.CfsPeriods);
        Assert.Null(s.CfsThrottledSeconds);
        Assert.Equal(1000, s.MemoryUsageBytes);
    }

    [Fact]
    public void AV2NamespacedMountMapsTheCgroupPathBelowItsRoot()
    {
        using var tree = FakeCgroupTree.V2("/user.slice/app.scope/child", mountRoot: "/user.slice/app.scope")
            .Write($"{V2}/child/memory.max", "268435456\n");

        Assert.Equal(268435456, new CgroupReader(tree.Root).Read().MemoryLimitBytes);
    }

    [Fact]
    public void MissingFilesAndMissingProcFilesGiveNothing()
    {
        using var withoutFiles = FakeCgroupTree.V2("/");
        using var empty = new FakeCgroupTree();

        Assert.Equal(new CgroupSnapshot(), new CgroupReader(withoutFiles.Root).Read());
        Assert.Equal(new CgroupSnapshot(), new CgroupReader(empty.Root).Read());
    }

    [Fact]
    public void FilesAreReReadOnEveryRead()
    {
        using var tree = FakeCgroupTree.V2("/").Write($"{V2}/cpu.max", "50000 100000\n").Write($"{V2}/cpu.stat", "nr_periods 1\nnr_throttled 0\nthrottled_usec 0\n");
        var reader = new CgroupReader(tree.Root);
        Assert.Equal(0, reader.Read().CfsThrottledPeriods);

        tree.Write($"{V2}/cpu.stat", "nr_periods 10\nnr_throttled 7\nthrottled_usec 350000\n");

        var s = reader.Read();
        Assert.Equal(7, s.CfsThrottledPeriods);
        Assert.Equal(0.35, s.CfsThrottledSeconds);
    }
}
