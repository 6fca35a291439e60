namespace MlService.LoadTest.Http1;

/// <summary>Where response bytes come from: a socket in a run, scripted chunks in the parser's tests.</summary>
public interface IByteSource
{
    /// <summary>Reads at least one byte into <paramref name="buffer"/>, or returns 0 at the end of the stream.</summary>
    ValueTask<int> ReceiveAsync(Memory<byte> buffer);
}
