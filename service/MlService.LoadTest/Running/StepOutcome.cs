namespace MlService.LoadTest.Running;

/// <summary>All steps of a step run and the highest rate whose step met the SLO (null when none did).</summary>
public sealed record StepOutcome(IReadOnlyList<StepResult> Steps, double? HighestSustainableRate, double SloP99Ms, double SloMaxErrorRate);
