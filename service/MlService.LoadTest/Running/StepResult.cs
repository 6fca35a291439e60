namespace MlService.LoadTest.Running;

/// <summary>One step of a step run: the offered rate, what was achieved, and whether the SLO held.</summary>
public sealed record StepResult(
    int Step, double Rate, long Requests, double AchievedRate, double P50Ms, double P99Ms, double ErrorRate,
    bool Completed, bool Passed);
