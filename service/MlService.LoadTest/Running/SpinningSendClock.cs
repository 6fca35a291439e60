using System.Diagnostics;

namespace MlService.LoadTest.Running;

/// <summary>
/// Waits until a send time on the caller's own (dedicated) thread: sleeps while more than <see cref="SleepMargin"/>
/// remains, then yields and spins to the tick. A timer (Task.Delay) wakes up to a millisecond or more late, and in
/// an open loop that lateness is counted as server latency; spinning is exact to a few microseconds, at the price
/// of part of one core while a send is close.
/// </summary>
public sealed class SpinningSendClock : ISendClock
{
    /// <summary>Thread.Sleep(1) may oversleep by about a millisecond; stop sleeping this long before the send time.</summary>
    private static readonly long SleepMargin = Stopwatch.Frequency * 2 / 1000;

    public long TicksPerSecond => Stopwatch.Frequency;

    public long Now() => Stopwatch.GetTimestamp();

    public bool WaitUntil(long timestamp, CancellationToken cancelled)
    {
        var spinner = new SpinWait();
        while (true)
        {
            if (cancelled.IsCancellationRequested) return false;
            var remaining = timestamp - Stopwatch.GetTimestamp();
            if (remaining <= 0) return true;
            if (remaining > SleepMargin) Thread.Sleep(1);
            else spinner.SpinOnce(sleep1Threshold: -1);
        }
    }
}
