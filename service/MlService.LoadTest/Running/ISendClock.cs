namespace MlService.LoadTest.Running;

/// <summary>The time source of the open-loop scheduler (a spinning clock in a run, a fake one in tests).</summary>
public interface ISendClock
{
    long TicksPerSecond { get; }

    long Now();

    /// <summary>Returns at <paramref name="timestamp"/> (or at once if it has passed), or false when cancelled first.</summary>
    bool WaitUntil(long timestamp, CancellationToken cancelled);
}
