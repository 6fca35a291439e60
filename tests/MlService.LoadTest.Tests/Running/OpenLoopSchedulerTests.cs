using HdrHistogram;
using MlService.LoadTest.Running;

namespace MlService.LoadTest.Tests.Running;

/// <summary>The open loop's schedule and dispatcher on a fake clock: exact due times, lateness measured apart, no wall clock.</summary>
public sealed class OpenLoopSchedulerTests
{
    private const long Second = 1_000_000; // fake ticks: one per microsecond

    [Fact]
    public void RequestNIsDueAtStartPlusNOverRateUntilTheDurationEnds()
    {
        var schedule = new OpenLoopSchedule(StartTimestamp: 500, Rate: 4, Duration: TimeSpan.FromSeconds(1), MaxRequests: null, TicksPerSecond: Second);

        var dues = Enumerable.Range(0, 10).Select(n => schedule.TryGetDue(n, out var due) ? due : -1).ToList();

        Assert.Equal([500, 250_500, 500_500, 750_500, -1, -1, -1, -1, -1, -1], dues);
    }

    [Fact]
    public void TheRequestCountEndsTheScheduleBeforeTheDuration()
    {
        var schedule = new OpenLoopSchedule(0, 1000, TimeSpan.FromHours(1), MaxRequests: 3, Second);

        Assert.True(schedule.TryGetDue(2, out var last));
        Assert.Equal(2000, last);
        Assert.False(schedule.TryGetDue(3, out _));
    }

    [Fact]
    public void EverySendGetsItsDueTimeAndAPunctualClockShowsNoLateness()
    {
        var clock = new FakeClock();
        var sent = new List<long>();
        var lateness = OpenLoopDispatcher.NewLatenessHistogram();

        var count = new OpenLoopDispatcher(clock, sent.Add, lateness).Run(new OpenLoopSchedule(1000, 300, TimeSpan.FromSeconds(1), null, Second), CancellationToken.None);

        Assert.Equal(300, count);
        Assert.Equal(Enumerable.Range(0, 300).Select(n => 1000 + (long)(n * (Second / 300.0))), sent);
        Assert.Equal(sent, clock.Waits);
        Assert.Equal(0, lateness.GetMaxValue());
    }

    [Fact]
    public void ALateWakeUpIsRecordedAsSchedulerLatenessAndTheSendKeepsTheDueTime()
    {
        var clock = new FakeClock { Oversleep = 1500 };
        var sent = new List<long>();
        var lateness = OpenLoopDispatcher.NewLatenessHistogram();

        new OpenLoopDispatcher(clock, sent.Add, lateness).Run(new OpenLoopSchedule(0, 100, TimeSpan.FromSeconds(1), 5, Second), CancellationToken.None);

        Assert.Equal([0, 10_000, 20_000, 30_000, 40_000], sent);
        Assert.Equal(5, lateness.TotalCount);
        Assert.InRange(lateness.GetValueAtPercentile(50), 1495, 1505);
    }

    [Fact]
    public void CancellationStopsTheScheduleAtTheNextWait()
    {
        using var cancel = new CancellationTokenSource();
        var clock = new FakeClock();
        var sent = new List<long>();
        var dispatcher = new OpenLoopDispatcher(clock, due => { sent.Add(due); if (sent.Count == 3) cancel.Cancel(); }, OpenLoopDispatcher.NewLatenessHistogram());

        var count = dispatcher.Run(new OpenLoopSchedule(0, 1000, TimeSpan.FromSeconds(10), null, Second), cancel.Token);

        Assert.Equal(3, count);
        Assert.Equal(3, sent.Count);
    }

    /// <summary>Time moves only when the dispatcher waits: to the due time plus <see cref="Oversleep"/>.</summary>
    private sealed class FakeClock : ISendClock
    {
        private long _now;

        public long Oversleep { get; init; }

        public List<long> Waits { get; } = [];

        public long TicksPerSecond => Second;

        public long Now() => _now;

        public bool WaitUntil(long timestamp, CancellationToken cancelled)
        {
            if (cancelled.IsCancellationRequested) return false;
            Waits.Add(timestamp);
            _now = Math.Max(_now, timestamp + Oversleep);
            return true;
        }
    }
}
