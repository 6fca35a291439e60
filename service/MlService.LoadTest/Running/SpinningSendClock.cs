using System.Diagnostics;

namespace MlService.LoadTest.Running;

/// <summary>
/// Waits until a send time on the caller's own (dedicated) thread: sleeps until shortly before it, then spins to the
/// tick. A timer (Task.Delay) wakes up to a millisecond or more late, and in an open loop that lateness is counted as
/// server latency. On Linux the sleep is an absolute monotonic sleep exact to some microseconds
/// (<see cref="MonotonicSleep"/>), so only the last <see cref="PreciseSpinMargin"/> is spun; elsewhere Thread.Sleep(1)
/// may oversleep by a millisecond, so the last <see cref="CoarseSpinMargin"/> is spun, at the price of part of a core.
/// </summary>
public sealed class SpinningSendClock : ISendClock
{
    private static readonly long PreciseSpinMargin = Stopwatch.Frequency * 100 / 1_000_000;
    private static readonly long CoarseSpinMargin = Stopwatch.Frequency * 2 / 1000;

    /// <summary>The longest single sleep, so a cancellation is seen within it.</summary>
    private static readonly long MaxSleep = Stopwatch.Frequency / 20;

    public long TicksPerSecond => Stopwatch.Frequency;

    public long Now() => Stopwatch.GetTimestamp();

    public bool WaitUntil(long timestamp, CancellationToken cancelled)
    {
        var margin = MonotonicSleep.IsPrecise ? PreciseSpinMargin : CoarseSpinMargin;
        var spinner = new SpinWait();
        while (true)
        {
            if (cancelled.IsCancellationRequested) return false;
            var now = Stopwatch.GetTimestamp();
            var remaining = timestamp - now;
            if (remaining <= 0) return true;
            if (remaining <= margin) spinner.SpinOnce(sleep1Threshold: -1);
            else if (MonotonicSleep.IsPrecise) MonotonicSleep.Until(now + Math.Min(remaining - margin, MaxSleep));
            else Thread.Sleep(1);
        }
    }
}
