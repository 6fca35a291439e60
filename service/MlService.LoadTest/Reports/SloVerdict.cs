namespace MlService.LoadTest.Reports;

/// <summary>Whether the run met the limits it was given, which were broken, and the exit code that says so.</summary>
public sealed record SloVerdict(bool Passed, IReadOnlyList<string> Violations, int ExitCode);
