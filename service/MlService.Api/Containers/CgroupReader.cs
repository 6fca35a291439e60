using System.Globalization;

namespace MlService.Api.Containers;

/// <summary>
/// Reads the process's cgroup limits and counters (v1 or v2, whichever holds the controller) on demand: a few
/// small files under /sys/fs/cgroup, read when /metrics is scraped, never on the request path. The directories
/// are found once; the files are re-read each time. Thread-safe.
/// </summary>
public sealed class CgroupReader(string root)
{
    /// <summary>v1 writes "no limit" as 2^63 rounded down to a page (9223372036854771712); anything this large is none.</summary>
    private const long UnlimitedV1 = 1L << 62;

    private readonly CgroupPaths _paths = CgroupPaths.Find(root);

    public CgroupSnapshot Read() => Cpu(Memory());

    private CgroupSnapshot Memory()
    {
        if (_paths.MemoryDirectory is not { } dir) return new CgroupSnapshot();
        if (_paths.MemoryIsV2)
        {
            return new CgroupSnapshot { MemoryLimitBytes = Long(Text(dir, "memory.max")), MemoryUsageBytes = Long(Text(dir, "memory.current")) };
        }
        var limit = Long(Text(dir, "memory.limit_in_bytes"));
        return new CgroupSnapshot { MemoryLimitBytes = limit >= UnlimitedV1 ? null : limit, MemoryUsageBytes = Long(Text(dir, "memory.usage_in_bytes")) };
    }

    private CgroupSnapshot Cpu(CgroupSnapshot memory)
    {
        if (_paths.CpuDirectory is not { } dir) return memory;
        var stat = Stat(Text(dir, "cpu.stat"));
        long? quotaMicros, periodMicros;
        double? throttledSeconds;
        if (_paths.CpuIsV2)
        {
            // cpu.max: "<quota> <period>" in microseconds, quota "max" without a limit.
            var max = Text(dir, "cpu.max")?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            quotaMicros = max is { Length: 2 } ? Long(max[0]) : null;
            periodMicros = max is { Length: 2 } ? Long(max[1]) : null;
            throttledSeconds = stat.TryGetValue("throttled_usec", out var usec) ? usec / 1e6 : null;
        }
        else
        {
            quotaMicros = Long(Text(dir, "cpu.cfs_quota_us"));
            periodMicros = Long(Text(dir, "cpu.cfs_period_us"));
            throttledSeconds = stat.TryGetValue("throttled_time", out var ns) ? ns / 1e9 : null;
        }
        var limited = quotaMicros > 0 && periodMicros > 0;
        return memory with
        {
            CpuQuotaSeconds = limited ? quotaMicros / 1e6 : null,
            CpuPeriodSeconds = limited ? periodMicros / 1e6 : null,
            CfsPeriods = stat.TryGetValue("nr_periods", out var periods) ? periods : null,
            CfsThrottledPeriods = stat.TryGetValue("nr_throttled", out var throttled) ? throttled : null,
            CfsThrottledSeconds = throttledSeconds,
        };
    }

    private static string? Text(string dir, string file)
    {
        try { return File.ReadAllText(Path.Combine(dir, file)).Trim(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
    }

    /// <summary>A non-negative integer, or null for "max", -1, garbage and missing files.</summary>
    private static long? Long(string? text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>cpu.stat's "key value" lines.</summary>
    private static Dictionary<string, long> Stat(string? text)
    {
        var values = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var line in (text ?? "").Split('\n'))
        {
            var parts = line.Split(' ', 2, StringSplitOptions.TrimEntries);
            if (parts.Length == 2 && Long(parts[1]) is { } value) values[parts[0]] = value;
        }
        return values;
    }
}
