using System.Diagnostics;

namespace MlService.LoadTest.Running;

/// <summary>
/// Step mode: open-loop steps at a rising rate (start, start + increment, ...) until a step breaks the SLO
/// (p99 and error rate), the maximum rate is passed, or the total duration is used up. Each step waits for
/// its own requests to finish, so a step's numbers are its own.
/// </summary>
public sealed class StepRunner(OpenLoopRunner runner, RunStats stats, TextWriter? log)
{
    public async Task<StepOutcome> RunAsync(LoadOptions o, CancellationToken interrupt)
    {
        var steps = new List<StepResult>();
        var clock = Stopwatch.StartNew();
        for (var index = 0; !interrupt.IsCancellationRequested; index++)
        {
            var rate = o.StepStart + index * o.StepIncrement;
            if (o.StepMaxRate is { } maxRate && rate > maxRate * (1 + 1e-9)) break;
            var remaining = o.Duration - clock.Elapsed;
            if (remaining <= TimeSpan.Zero) break;
            var length = remaining < o.StepDuration ? remaining : o.StepDuration;

            stats.BeginStep();
            var stepClock = Stopwatch.StartNew();
            await runner.RunAsync(rate, length, null, interrupt);
            var (counters, latency) = stats.EndStep();
            var completed = !interrupt.IsCancellationRequested && length == o.StepDuration;
            var passed = completed && counters.Requests > 0 && latency.P99Ms <= o.SloP99Ms && counters.ErrorRate <= o.SloMaxErrorRate;
            var step = new StepResult(index + 1, rate, counters.Requests, Math.Round(counters.Requests / stepClock.Elapsed.TotalSeconds, 2),
                latency.P50Ms, latency.P99Ms, Math.Round(counters.ErrorRate, 6), completed, passed);
            steps.Add(step);
            log?.WriteLine($"step {step.Step}: {rate:F1} req/s offered, {step.AchievedRate:F1} achieved, p99 {step.P99Ms:F2} ms, errors {step.ErrorRate:P2} -> {(passed ? "within SLO" : completed ? "SLO broken" : "cut short")}");
            if (!passed) break;
        }
        var highest = steps.Where(s => s.Passed).Select(s => (double?)s.Rate).LastOrDefault();
        return new StepOutcome(steps, highest, o.SloP99Ms, o.SloMaxErrorRate);
    }
}
