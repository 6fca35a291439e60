namespace MlService.LoadTest.Tests.Stats;

public class LatencyRecorderTests
{
    [Fact]
    public void PercentilesOfOneToOneThousandMicrosecondsAreExact()
    {
        var recorder = new LatencyRecorder();
        for (var micros = 1; micros <= 1000; micros++) recorder.Record(micros);

        var total = recorder.Total();

        Assert.Equal(1000, total.Count);
        Assert.Equal(0.500, total.P50Ms);
        Assert.Equal(0.900, total.P90Ms);
        Assert.Equal(0.990, total.P99Ms);
        Assert.Equal(0.999, total.P999Ms);
        Assert.Equal(1.000, total.MaxMs);
        Assert.Equal(0.5005, total.MeanMs, 3);
    }

    [Fact]
    public void ASlowTailShowsInTheHighPercentilesOnly()
    {
        var recorder = new LatencyRecorder();
        for (var i = 0; i < 990; i++) recorder.Record(1_000);
        for (var i = 0; i < 10; i++) recorder.Record(250_000);

        var total = recorder.Total();

        Assert.Equal(1.0, total.P50Ms);
        Assert.Equal(1.0, total.P99Ms);
        Assert.InRange(total.P999Ms, 249.9, 250.2);
        Assert.InRange(total.MaxMs, 249.9, 250.2);
    }

    [Fact]
    public void AnIntervalStartsEmptyAfterItIsTaken()
    {
        var recorder = new LatencyRecorder();
        recorder.Record(2_000);
        recorder.Record(4_000);

        var first = recorder.TakeInterval();
        recorder.Record(8_000);
        var second = recorder.TakeInterval();

        Assert.Equal(2, first.Count);
        Assert.Equal(4.0, first.MaxMs, tolerance: 0.004); // 3 significant digits
        Assert.Equal(1, second.Count);
        Assert.Equal(8.0, second.P50Ms, tolerance: 0.008);
        Assert.Equal(3, recorder.Total().Count);
    }

    [Fact]
    public void RunStatsCountStatusesExceptionsRowsAndReplicas()
    {
        var stats = new RunStats();
        stats.RecordResponse(200, 1_000, "pod-a", rows: 10);
        stats.RecordResponse(200, 1_000, "pod-b", rows: 10);
        stats.RecordResponse(200, 1_000, "pod-a", rows: 10);
        stats.RecordResponse(503, 1_000, "pod-a", rows: 10);
        stats.RecordResponse(200, 1_000, null, rows: 10);
        stats.RecordFailure("timeout");
        stats.RecordFailure(RunStats.ClientOverloaded);
        stats.RecordAbandoned();

        var counters = stats.Counters;

        Assert.Equal(new RunCounters(Requests: 7, Successes: 4, Errors: 3, Rows: 40, Abandoned: 1), counters);
        Assert.Equal(3.0 / 7, counters.ErrorRate, 9);
        Assert.Equal(new Dictionary<int, long> { [503] = 1 }, stats.Errors.ByStatus());
        Assert.Equal(new Dictionary<string, long> { ["client overloaded"] = 1, ["timeout"] = 1 }, stats.Errors.ByException());
        Assert.Equal(
            [new ReplicaShare("pod-a", 3, 60), new ReplicaShare("(no X-Served-By)", 1, 20), new ReplicaShare("pod-b", 1, 20)],
            stats.Replicas.Shares());
    }

    [Fact]
    public void TimelinePointsHoldTheDeltaOfTheirInterval()
    {
        var stats = new RunStats();
        var timeline = new Timeline();
        for (var i = 0; i < 4; i++) stats.RecordResponse(200, 3_000, "a", rows: 2);
        timeline.Sample(stats, 1.0);
        stats.RecordResponse(500, 7_000, "a", rows: 2);
        stats.RecordResponse(200, 5_000, "a", rows: 2);

        var second = timeline.Sample(stats, 1.5);

        Assert.Equal(2, timeline.Points.Count);
        Assert.Equal(4, timeline.Points[0].Requests);
        Assert.Equal(4.0, timeline.Points[0].RequestsPerSecond);
        Assert.Equal(3.0, timeline.Points[0].P99Ms, tolerance: 0.003);
        Assert.Equal((2L, 1L, 2L), (second.Requests, second.Errors, second.Rows));
        Assert.Equal(4.0, second.RequestsPerSecond);
        Assert.Equal(7.0, second.MaxMs, tolerance: 0.007);
    }

    [Fact]
    public void AShortLastIntervalIsFoldedIntoThePreviousPoint()
    {
        var stats = new RunStats();
        var timeline = new Timeline();
        for (var i = 0; i < 10; i++) stats.RecordResponse(200, 2_000, "a", rows: 1);
        timeline.Sample(stats, 1.0);
        stats.RecordResponse(500, 9_000, "a", rows: 1);

        var last = timeline.Finish(stats, 1.1);

        var only = Assert.Single(timeline.Points);
        Assert.Same(last, only);
        Assert.Equal((11L, 1L, 10L), (only.Requests, only.Errors, only.Rows));
        Assert.Equal(1.1, only.IntervalSeconds);
        Assert.Equal(10.0, only.RequestsPerSecond);
        Assert.Equal(9.0, only.MaxMs, tolerance: 0.009);
    }

    [Fact]
    public void ALongLastIntervalStaysItsOwnPoint()
    {
        var stats = new RunStats();
        var timeline = new Timeline();
        stats.RecordResponse(200, 2_000, "a", rows: 1);
        timeline.Sample(stats, 1.0);
        stats.RecordResponse(200, 2_000, "a", rows: 1);

        timeline.Finish(stats, 1.6);

        Assert.Equal([1.0, 1.6], timeline.Points.Select(p => p.Second));
    }
}
