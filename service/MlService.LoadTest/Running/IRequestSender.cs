namespace MlService.LoadTest.Running;

/// <summary>
/// Sends one prediction request and records its outcome in the run's statistics. Latency runs from the timestamp
/// the caller gives: the intended send time in open loop, the actual send time in closed loop. Thread-safe.
/// </summary>
public interface IRequestSender
{
    ValueTask SendAsync(long startTimestamp, CancellationToken interrupt);
}
