using System.Globalization;

namespace MlService.Api.Containers;

/// <summary>
/// Reads the memory limit and the working set of the process's cgroup (v1 or v2). The working set is what the
/// kubelet and the OOM killer weigh: usage minus the inactive page cache, which the kernel reclaims before it
/// kills. Called by admission at most once per refresh interval, never in the background. Thread-safe.
/// </summary>
public sealed class CgroupMemoryReader(string root)
{
    /// <summary>v1 writes "no limit" as 2^63 rounded down to a page; anything this large is none.</summary>
    private const long UnlimitedV1 = 1L << 62;

    private readonly CgroupPaths _paths = CgroupPaths.Find(root);

    public CgroupMemory Read()
    {
        if (_paths.MemoryDirectory is not { } dir) return new CgroupMemory(null, null);
        var (limitFile, usageFile, inactiveKey) = _paths.MemoryIsV2
            ? ("memory.max", "memory.current", "inactive_file")
            : ("memory.limit_in_bytes", "memory.usage_in_bytes", "total_inactive_file");
        var limit = Long(Text(dir, limitFile));
        if (limit >= UnlimitedV1) limit = null;
        var usage = Long(Text(dir, usageFile));
        var inactive = InactiveFile(Text(dir, "memory.stat"), inactiveKey) ?? 0;
        return new CgroupMemory(limit, usage is { } u ? Math.Max(0, u - inactive) : null);
    }

    private static long? InactiveFile(string? stat, string key)
    {
        foreach (var line in (stat ?? "").Split('\n'))
        {
            var parts = line.Split(' ', 2, StringSplitOptions.TrimEntries);
            if (parts.Length == 2 && parts[0] == key) return Long(parts[1]);
        }
        return null;
    }

    private static string? Text(string dir, string file)
    {
        try { return File.ReadAllText(Path.Combine(dir, file)).Trim(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
    }

    /// <summary>A non-negative integer, or null for "max", -1, garbage and missing files.</summary>
    private static long? Long(string? text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
}
