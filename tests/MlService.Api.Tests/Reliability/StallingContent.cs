namespace MlService.Api.Tests.Reliability;

/// <summary>A request body sent in two parts: the first at once, the rest only when <see cref="Finish"/> is called (a slow client).</summary>
public sealed class StallingContent(string body) : HttpContent
{
    private readonly TaskCompletionSource _finish = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _firstPartSent = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly byte[] _bytes = Encoding.UTF8.GetBytes(body);

    public Task FirstPartSent => _firstPartSent.Task;

    public void Finish() => _finish.TrySetResult();

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        var half = _bytes.Length / 2;
        await stream.WriteAsync(_bytes.AsMemory(0, half));
        await stream.FlushAsync();
        _firstPartSent.TrySetResult();
        await _finish.Task.WaitAsync(TimeSpan.FromSeconds(60));
        await stream.WriteAsync(_bytes.AsMemory(half));
    }

    protected override bool TryComputeLength(out long length)
    {
        length = _bytes.Length;
        return true;
    }
}
