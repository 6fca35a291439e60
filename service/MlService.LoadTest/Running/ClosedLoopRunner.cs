using System.Diagnostics;

namespace MlService.LoadTest.Running;

/// <summary>
/// Closed loop: N clients each send a request, wait for the answer, and send the next. Throughput follows the
/// server's speed; latency counts from the actual send.
/// </summary>
public sealed class ClosedLoopRunner(IRequestSender sender, InFlightTracker inFlight)
{
    public async Task RunAsync(int clients, TimeSpan duration, long? maxRequests, CancellationToken interrupt)
    {
        long claimed = 0;
        var end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        async Task ClientAsync()
        {
            await Task.Yield();
            while (!interrupt.IsCancellationRequested && Stopwatch.GetTimestamp() < end)
            {
                if (maxRequests is { } max && Interlocked.Increment(ref claimed) > max) return;
                inFlight.TryEnter(); // the tracker has no limit here: it only counts for the progress line
                try { await sender.SendAsync(Stopwatch.GetTimestamp(), interrupt); }
                finally { inFlight.Exit(); }
            }
        }
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => ClientAsync()));
    }
}
