using MlService.Api.Containers;

namespace MlService.Api.Tests.Containers;

/// <summary>The memory limit and working set admission weighs, from a v1 or v2 tree (a fake tree stands in for the container's).</summary>
public sealed class CgroupMemoryReaderTests
{
    [Fact]
    public void V1WorkingSetIsUsageMinusInactivePageCache()
    {
        using var tree = FakeCgroupTree.V1("/libpod_parent/libpod-abc")
            .Write("sys/fs/cgroup/memory/libpod_parent/libpod-abc/memory.limit_in_bytes", "134217728\n")
            .Write("sys/fs/cgroup/memory/libpod_parent/libpod-abc/memory.usage_in_bytes", "100000000\n")
            .Write("sys/fs/cgroup/memory/libpod_parent/libpod-abc/memory.stat", "cache 30000000\nrss 60000000\ninactive_file 1\ntotal_inactive_file 20000000\n");

        var memory = new CgroupMemoryReader(tree.Root).Read();

        Assert.Equal(134217728, memory.LimitBytes);
        Assert.Equal(80000000, memory.WorkingSetBytes);
    }

    [Fact]
    public void V1PageRoundedUnlimitedIsNoLimit()
    {
        using var tree = FakeCgroupTree.V1("/user.slice")
            .Write("sys/fs/cgroup/memory/user.slice/memory.limit_in_bytes", "9223372036854771712\n")
            .Write("sys/fs/cgroup/memory/user.slice/memory.usage_in_bytes", "52428800\n");

        var memory = new CgroupMemoryReader(tree.Root).Read();

        Assert.Null(memory.LimitBytes);
        Assert.Equal(52428800, memory.WorkingSetBytes);
    }

    [Fact]
    public void V2ReadsMaxAndCurrentMinusInactiveFile()
    {
        using var tree = FakeCgroupTree.V2("/kubepods.slice/pod1.slice/cri-abc.scope", mountRoot: "/kubepods.slice/pod1.slice/cri-abc.scope")
            .Write("sys/fs/cgroup/memory.max", "268435456\n")
            .Write("sys/fs/cgroup/memory.current", "50000000\n")
            .Write("sys/fs/cgroup/memory.stat", "anon 30000000\nfile 20000000\nactive_file 5000000\ninactive_file 15000000\n");

        var memory = new CgroupMemoryReader(tree.Root).Read();

        Assert.Equal(268435456, memory.LimitBytes);
        Assert.Equal(35000000, memory.WorkingSetBytes);
    }

    [Fact]
    public void V2MaxIsNoLimitAndMissingFilesAreUnknown()
    {
        using var tree = FakeCgroupTree.V2().Write("sys/fs/cgroup/memory.max", "max\n");

        var memory = new CgroupMemoryReader(tree.Root).Read();

        Assert.Null(memory.LimitBytes);
        Assert.Null(memory.WorkingSetBytes);
    }
}
