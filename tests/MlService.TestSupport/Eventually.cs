using System.Diagnostics;

namespace MlService.TestSupport;

/// <summary>Waits for a condition with a bounded timeout (never a fixed sleep as synchronisation).</summary>
public static class Eventually
{
    public static async Task<T> ReturnsAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        T last = default!;
        while (clock.Elapsed < timeout)
        {
            try
            {
                last = await probe();
                if (done(last)) return last;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
                // not listening yet: poll again
            }
            await Task.Delay(25);
        }
        throw new TimeoutException($"{what} did not happen within {timeout.TotalSeconds:F0}s (last: {last})");
    }

    public static Task<bool> TrueAsync(Func<Task<bool>> probe, TimeSpan timeout, string what) =>
        ReturnsAsync(probe, ok => ok, timeout, what);
}
