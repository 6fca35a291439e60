using HdrHistogram;

namespace MlService.LoadTest.Running;

/// <summary>
/// The open loop's sending thread: waits for each request's due time on the <see cref="ISendClock"/>, then hands
/// the due time to <c>send</c> (which starts the request and returns at its first await), and records how late the
/// hand-over was in <c>lateness</c> (microseconds) -- the tool's own scheduling error, reported apart from the
/// server's latency. Not thread-safe: one dispatcher runs on one thread, and the histogram is read after it ends.
/// </summary>
public sealed class OpenLoopDispatcher(ISendClock clock, Action<long> send, LongHistogram lateness)
{
    public static LongHistogram NewLatenessHistogram() => new(LatencyRecorder.HighestMicros, 3);

    /// <summary>Runs the schedule to its end (or cancellation); returns the number of requests handed over.</summary>
    public long Run(OpenLoopSchedule schedule, CancellationToken cancelled)
    {
        long n = 0;
        for (; schedule.TryGetDue(n, out var due); n++)
        {
            if (!clock.WaitUntil(due, cancelled)) break;
            var late = Math.Max(0, clock.Now() - due) * 1_000_000 / clock.TicksPerSecond;
            lateness.RecordValue(Math.Min(late, LatencyRecorder.HighestMicros));
            send(due);
        }
        return n;
    }
}
