using HdrHistogram;

namespace MlService.LoadTest.Running;

/// <summary>
/// Open loop: request n is due at start + n/rate whatever the server does. Latency counts from that due time
/// (no coordinated omission), so the send must happen at the due time: a dedicated thread waits for it with a
/// spinning clock rather than a timer, and the remaining lateness is reported as the tool's own (scheduler
/// lateness). When the in-flight limit is reached a due request is not delayed but counted as a "client
/// overloaded" error, so the schedule and the report stay honest.
/// </summary>
public sealed class OpenLoopRunner(IRequestSender sender, RunStats stats, InFlightTracker inFlight, ISendClock? clock = null)
{
    private readonly ISendClock _clock = clock ?? new SpinningSendClock();
    private readonly LongHistogram _lateness = OpenLoopDispatcher.NewLatenessHistogram();

    /// <summary>How late the sends started after their due times, over every run of this runner (read after the runs).</summary>
    public LatencySummary SchedulerLateness => LatencySummary.From(_lateness);

    public async Task RunAsync(double rate, TimeSpan duration, long? maxRequests, CancellationToken interrupt)
    {
        var schedule = new OpenLoopSchedule(_clock.Now(), rate, duration, maxRequests, _clock.TicksPerSecond);
        var dispatcher = new OpenLoopDispatcher(_clock, due => Dispatch(due, interrupt), _lateness);
        var finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                dispatcher.Run(schedule, interrupt);
                finished.SetResult();
            }
            catch (Exception e)
            {
                finished.SetException(e);
            }
        })
        { IsBackground = true, Name = "open-loop scheduler", Priority = ThreadPriority.AboveNormal };
        thread.Start();
        await finished.Task;
        await inFlight.WhenIdleAsync();
    }

    private void Dispatch(long due, CancellationToken interrupt)
    {
        if (!inFlight.TryEnter())
        {
            stats.RecordFailure(RunStats.ClientOverloaded);
            return;
        }
        _ = SendAndExitAsync(due, interrupt);
    }

    private async Task SendAndExitAsync(long due, CancellationToken interrupt)
    {
        try { await sender.SendAsync(due, interrupt); }
        finally { inFlight.Exit(); }
    }
}
