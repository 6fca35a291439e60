namespace MlService.LoadTest.Reports;

/// <summary>
/// What the load tool itself cost and how exactly it kept its schedule, so a reader sees when the client, not the
/// server, was the limit: CPU seconds used by the tool's process during the run, the same as cores busy on
/// average, and (open loop) how late sends started after their due times.
/// </summary>
public sealed record ClientUsage(double CpuSeconds, double CpuCores, MlService.LoadTest.Stats.LatencySummary? SchedulerLateness);
