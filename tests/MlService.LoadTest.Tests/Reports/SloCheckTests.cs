using MlService.LoadTest.Running;

namespace MlService.LoadTest.Tests.Reports;

public class SloCheckTests
{
    private static readonly ReportTotals Totals = new(1000, 990, 10, 0, 990, 100, 99, 0.01);
    private static readonly LatencySummary Latency = new(990, 5, 4, 8, 20, 30, 40);

    [Theory]
    [InlineData(null, null, 0)]
    [InlineData(25.0, null, 0)]
    [InlineData(20.0, null, 0)]
    [InlineData(19.9, null, 2)]
    [InlineData(null, 0.01, 0)]
    [InlineData(null, 0.005, 2)]
    [InlineData(10.0, 0.5, 2)]
    public void ExitCodeIsTwoWhenALimitIsBroken(double? maxP99, double? maxErrorRate, int exitCode)
    {
        var options = new LoadOptions { Mode = LoadMode.Closed, MaxP99Ms = maxP99, MaxErrorRate = maxErrorRate };

        var verdict = SloCheck.Evaluate(options, Totals, Latency, steps: null);

        Assert.Equal(exitCode, verdict.ExitCode);
        Assert.Equal(exitCode == 0, verdict.Passed);
        Assert.Equal(exitCode == 0, verdict.Violations.Count == 0);
    }

    [Fact]
    public void BothViolationsAreNamed()
    {
        var options = new LoadOptions { Mode = LoadMode.Open, Rate = 10, MaxP99Ms = 1, MaxErrorRate = 0 };

        var verdict = SloCheck.Evaluate(options, Totals, Latency, steps: null);

        Assert.Equal(2, verdict.Violations.Count);
        Assert.Contains(verdict.Violations, v => v.Contains("--max-p99"));
        Assert.Contains(verdict.Violations, v => v.Contains("--max-error-rate"));
    }

    [Fact]
    public void StepModeFailsOnlyWhenNoStepMetTheSlo()
    {
        var options = new LoadOptions { Mode = LoadMode.Step, StepStart = 10, StepIncrement = 10, MaxP99Ms = 1 };
        var sustained = new StepOutcome([Step(10, true), Step(20, false)], 10, 50, 0.001);
        var none = new StepOutcome([Step(10, false)], null, 50, 0.001);

        Assert.Equal(0, SloCheck.Evaluate(options, Totals, Latency, sustained).ExitCode);
        Assert.Equal(2, SloCheck.Evaluate(options, Totals, Latency, none).ExitCode);
    }

    private static StepResult Step(double rate, bool passed) => new(1, rate, 100, rate, 1, passed ? 2 : 90, 0, true, passed);
}
