namespace MlService.Api.Containers;

/// <summary>The memory limit (null: none) and working set (null: unknown) of the process's cgroup at one moment, in bytes.</summary>
public sealed record CgroupMemory(long? LimitBytes, long? WorkingSetBytes);
