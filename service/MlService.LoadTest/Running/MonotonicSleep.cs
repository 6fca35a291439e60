using System.Diagnostics;
using System.Runtime.InteropServices;

namespace MlService.LoadTest.Running;

/// <summary>
/// Sleeps until an absolute <see cref="Stopwatch"/> timestamp with microsecond precision on Linux: there the
/// timestamp is CLOCK_MONOTONIC in nanoseconds, so <c>clock_nanosleep(TIMER_ABSTIME)</c> wakes at it, and the
/// thread's timer slack (50 µs by default) is set to 1 ns first. Elsewhere <see cref="IsPrecise"/> is false and the
/// caller falls back to <see cref="Thread.Sleep(int)"/>, which may wake up a millisecond late.
/// </summary>
public static partial class MonotonicSleep
{
    private const int ClockMonotonic = 1, TimerAbstime = 1, PrSetTimerslack = 29;

    [ThreadStatic] private static bool _slackSet;

    public static bool IsPrecise { get; } = OperatingSystem.IsLinux() && Stopwatch.Frequency == 1_000_000_000 && Environment.Is64BitProcess;

    /// <summary>Returns at <paramref name="timestamp"/> or soon after (a signal may end it earlier; callers re-check the time).</summary>
    public static void Until(long timestamp)
    {
        if (!_slackSet)
        {
            _ = prctl(PrSetTimerslack, 1, 0, 0, 0);
            _slackSet = true;
        }
        var request = new Timespec { Seconds = timestamp / 1_000_000_000, Nanoseconds = timestamp % 1_000_000_000 };
        _ = clock_nanosleep(ClockMonotonic, TimerAbstime, ref request, IntPtr.Zero);
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_nanosleep")]
    private static extern int clock_nanosleep(int clockId, int flags, ref Timespec request, IntPtr remain);

    [DllImport("libc", EntryPoint = "prctl")]
    private static extern int prctl(int option, nuint arg2, nuint arg3, nuint arg4, nuint arg5);
}
