namespace MlService.Api.Containers;

/// <summary>
/// Finds this process's own cgroup directories the way the .NET runtime does: the controller's mount (mount root
/// and mount point) from <c>/proc/self/mountinfo</c>, the process's path in that hierarchy from
/// <c>/proc/self/cgroup</c>, and the path relative to the mount root appended to the mount point. A v1 controller
/// wins over the v2 hierarchy, because on a hybrid host (v1 controllers plus an empty unified mount) the limits
/// live in v1.
/// </summary>
public sealed record CgroupPaths(string? MemoryDirectory, bool MemoryIsV2, string? CpuDirectory, bool CpuIsV2)
{
    /// <summary>Resolves the directories under <paramref name="root"/> ("/" in production, a fake tree in tests).</summary>
    public static CgroupPaths Find(string root)
    {
        var mounts = ReadLines(Path.Combine(root, "proc/self/mountinfo"));
        var memberships = ReadLines(Path.Combine(root, "proc/self/cgroup"));
        var (memory, memoryV2) = Resolve(root, mounts, memberships, "memory");
        var (cpu, cpuV2) = Resolve(root, mounts, memberships, "cpu");
        return new CgroupPaths(memory, memoryV2, cpu, cpuV2);
    }

    private static (string? Directory, bool IsV2) Resolve(string root, string[] mounts, string[] memberships, string controller)
    {
        foreach (var mount in mounts.Select(MountLine.Parse).OfType<MountLine>())
        {
            if (mount.FileSystem != "cgroup" || !mount.SuperOptions.Split(',').Contains(controller)) continue;
            var path = memberships.Select(m => m.Split(':', 3)).FirstOrDefault(p => p.Length == 3 && p[1].Split(',').Contains(controller))?[2];
            if (path is not null) return (Join(root, mount, path), false);
        }
        foreach (var mount in mounts.Select(MountLine.Parse).OfType<MountLine>())
        {
            if (mount.FileSystem != "cgroup2") continue;
            var path = memberships.Select(m => m.Split(':', 3)).FirstOrDefault(p => p.Length == 3 && p[0] == "0" && p[1].Length == 0)?[2];
            if (path is not null) return (Join(root, mount, path), true);
        }
        return (null, false);
    }

    /// <summary>The cgroup path relative to the mount's root, under the mount point (a namespaced mount's root is the cgroup itself).</summary>
    private static string Join(string root, MountLine mount, string cgroupPath)
    {
        var relative = mount.Root == "/" ? cgroupPath
            : cgroupPath.StartsWith(mount.Root, StringComparison.Ordinal) ? cgroupPath[mount.Root.Length..]
            : "/";
        return Path.Combine(root, mount.MountPoint.TrimStart('/'), relative.TrimStart('/'));
    }

    private static string[] ReadLines(string path)
    {
        try { return File.ReadAllLines(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return []; }
    }

    /// <summary>One mountinfo line: "id parent major:minor root mount-point options [optional...] - fstype source super-options".</summary>
    private sealed record MountLine(string Root, string MountPoint, string FileSystem, string SuperOptions)
    {
        public static MountLine? Parse(string line)
        {
            var halves = line.Split(" - ", 2);
            if (halves.Length != 2) return null;
            var left = halves[0].Split(' ');
            var right = halves[1].Split(' ');
            return left.Length >= 5 && right.Length >= 3 ? new MountLine(Unescape(left[3]), Unescape(left[4]), right[0], right[2]) : null;
        }

        // mountinfo escapes space, tab, newline and backslash as octal (\040).
        private static string Unescape(string field) => field.Replace("\\040", " ").Replace("\\011", "\t").Replace("\\012", "\n").Replace("\\134", "\\");
    }
}
