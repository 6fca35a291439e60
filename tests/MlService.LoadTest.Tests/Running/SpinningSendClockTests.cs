using System.Diagnostics;
using MlService.LoadTest.Running;

namespace MlService.LoadTest.Tests.Running;

public sealed class SpinningSendClockTests
{
    [Fact]
    public void WaitingNeverReturnsBeforeTheDueTime()
    {
        var clock = new SpinningSendClock();

        foreach (var micros in new[] { 0, 50, 300, 2_500, 20_000 })
        {
            var due = clock.Now() + micros * Stopwatch.Frequency / 1_000_000;

            Assert.True(clock.WaitUntil(due, CancellationToken.None));
            Assert.True(clock.Now() >= due, $"returned before a due time {micros} µs ahead");
        }
    }

    [Fact]
    public void ACancelledWaitReturnsFalse()
    {
        var clock = new SpinningSendClock();
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.False(clock.WaitUntil(clock.Now() + Stopwatch.Frequency * 3600, cancelled.Token));
    }
}
