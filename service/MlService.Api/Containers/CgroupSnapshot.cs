namespace MlService.Api.Containers;

/// <summary>
/// The container's limits and pressure as its cgroup reports them at one moment, in base units. A value is null
/// where the cgroup has no limit ("max", -1, or v1's page-rounded 2^63) or the file is missing.
/// </summary>
public sealed record CgroupSnapshot
{
    public long? MemoryLimitBytes { get; init; }
    public long? MemoryUsageBytes { get; init; }
    public double? CpuQuotaSeconds { get; init; }
    public double? CpuPeriodSeconds { get; init; }
    public long? CfsPeriods { get; init; }
    public long? CfsThrottledPeriods { get; init; }
    public double? CfsThrottledSeconds { get; init; }
}
