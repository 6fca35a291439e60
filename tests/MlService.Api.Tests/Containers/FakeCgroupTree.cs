namespace MlService.Api.Tests.Containers;

/// <summary>
/// A fake filesystem root holding /proc/self/cgroup, /proc/self/mountinfo and cgroup files laid out as a real
/// host lays them out: v1 hybrid (one mount per controller, plus an empty unified v2 mount) or pure v2.
/// </summary>
public sealed class FakeCgroupTree : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("mlservice-cgroup-").FullName;

    /// <summary>A v1 hybrid host like this sandbox: the process sits in <paramref name="cgroupPath"/>; each mount has root <paramref name="mountRoot"/>.</summary>
    public static FakeCgroupTree V1(string cgroupPath = "/", string mountRoot = "/")
    {
        var tree = new FakeCgroupTree();
        tree.Write("proc/self/cgroup", $"9:name=systemd:/\n4:memory:{cgroupPath}\n3:cpuset:/\n2:cpu,cpuacct:{cgroupPath}\n0::/\n");
        tree.Write("proc/self/mountinfo",
            "30 22 0:27 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755\n" +
            $"31 30 0:28 {mountRoot} /sys/fs/cgroup/cpu,cpuacct rw,relatime - cgroup cgroup rw,cpu,cpuacct\n" +
            $"34 30 0:31 {mountRoot} /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory\n" +
            "39 30 0:36 / /sys/fs/cgroup/systemd rw,relatime - cgroup cgroup rw,name=systemd\n" +
            "40 30 0:37 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw\n");
        return tree;
    }

    /// <summary>A pure v2 host: one unified hierarchy, the process in <paramref name="cgroupPath"/>.</summary>
    public static FakeCgroupTree V2(string cgroupPath = "/", string mountRoot = "/")
    {
        var tree = new FakeCgroupTree();
        tree.Write("proc/self/cgroup", $"0::{cgroupPath}\n");
        tree.Write("proc/self/mountinfo",
            "25 30 0:22 / /proc rw,nosuid,nodev,noexec,relatime - proc proc rw\n" +
            $"30 22 0:26 {mountRoot} /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:4 - cgroup2 cgroup2 rw,nsdelegate,memory_recursiveprot\n");
        return tree;
    }

    public FakeCgroupTree Write(string relativePath, string content)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return this;
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }
}
