using System.Diagnostics;
using MlService.LoadTest.Stats;

namespace MlService.LoadTest.Running;

/// <summary>
/// Open loop: request n is due at start + n/rate whatever the server does. Latency counts from that due time
/// (no coordinated omission). When the in-flight limit is reached a due request is not delayed but counted
/// as a "client overloaded" error, so the schedule and the report stay honest.
/// </summary>
public sealed class OpenLoopRunner(RequestSender sender, RunStats stats, InFlightTracker inFlight)
{
    public async Task RunAsync(double rate, TimeSpan duration, long? maxRequests, CancellationToken interrupt)
    {
        var start = Stopwatch.GetTimestamp();
        var ticksPerRequest = Stopwatch.Frequency / rate;
        var durationTicks = duration.TotalSeconds * Stopwatch.Frequency;
        for (long n = 0; !interrupt.IsCancellationRequested; n++)
        {
            if (maxRequests is { } max && n >= max) break;
            var offset = n * ticksPerRequest;
            if (offset >= durationTicks) break;
            var due = start + (long)offset;
            var wait = due - Stopwatch.GetTimestamp();
            if (wait > 0)
            {
                // Round the wait up: sending late is measured (latency counts from the due time), sending early is not.
                var millis = Math.Ceiling(wait * 1000.0 / Stopwatch.Frequency);
                try { await Task.Delay(TimeSpan.FromMilliseconds(millis), interrupt); }
                catch (OperationCanceledException) { break; }
            }
            if (!inFlight.TryEnter())
            {
                stats.RecordFailure(RunStats.ClientOverloaded);
                continue;
            }
            _ = SendAndExitAsync(due, interrupt);
        }
        await inFlight.WhenIdleAsync();
    }

    private async Task SendAndExitAsync(long due, CancellationToken interrupt)
    {
        try { await sender.SendAsync(due, interrupt); }
        finally { inFlight.Exit(); }
    }
}
