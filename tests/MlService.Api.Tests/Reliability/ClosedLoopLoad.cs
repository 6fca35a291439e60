namespace MlService.Api.Tests.Reliability;

/// <summary>
/// Continuous prediction load from a few clients, each sending its next request when the last one answers,
/// until stopped or <c>maxDuration</c> (a bound, so a broken test cannot load forever). Any non-200 or transport
/// error is a failure.
/// </summary>
public sealed class ClosedLoopLoad : IDisposable
{
    private readonly HttpClient _client;
    private readonly CancellationTokenSource _stop;
    private readonly Task<List<(bool Ok, double Ms)>>[] _loops;
    private readonly System.Collections.Concurrent.ConcurrentBag<string> _failures = [];

    public ClosedLoopLoad(Uri target, int clients, TimeSpan maxDuration)
    {
        _client = new HttpClient { BaseAddress = target, Timeout = TimeSpan.FromSeconds(30) };
        _stop = new CancellationTokenSource(maxDuration);
        _loops = Enumerable.Range(0, clients).Select(_ => Task.Run(LoopAsync)).ToArray();
    }

    public sealed record Result(int Sent, int Failed, double P99Milliseconds, IReadOnlyList<string> FailureKinds);

    private async Task<List<(bool Ok, double Ms)>> LoopAsync()
    {
        var outcomes = new List<(bool, double)>();
        while (!_stop.IsCancellationRequested)
        {
            var clock = Stopwatch.StartNew();
            try
            {
                using var response = await _client.PostJsonAsync("/predict", TrainedModels.HeartRow());
                await response.Content.ReadAsByteArrayAsync();
                outcomes.Add((response.StatusCode == HttpStatusCode.OK, clock.Elapsed.TotalMilliseconds));
                if (response.StatusCode != HttpStatusCode.OK) _failures.Add($"HTTP {(int)response.StatusCode} {string.Join(",", response.Headers.TryGetValues(ReadinessRoutingProxy.ErrorHeader, out var why) ? why : [])}");
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                outcomes.Add((false, clock.Elapsed.TotalMilliseconds));
                _failures.Add($"{e.GetType().Name}: {e.Message}");
            }
        }
        return outcomes;
    }

    public async Task<Result> StopAsync()
    {
        await _stop.CancelAsync();
        var all = (await Task.WhenAll(_loops)).SelectMany(x => x).ToList();
        var sorted = all.Select(o => o.Ms).Order().ToList();
        var p99 = sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(sorted.Count * 0.99) - 1)];
        return new Result(all.Count, all.Count(o => !o.Ok), p99, _failures.Distinct().ToList());
    }

    public void Dispose()
    {
        _stop.Cancel();
        _client.Dispose();
        _stop.Dispose();
    }
}
