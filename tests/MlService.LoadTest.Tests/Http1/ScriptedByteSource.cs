using System.Text;
using MlService.LoadTest.Http1;

namespace MlService.LoadTest.Tests.Http1;

/// <summary>Hands out the given bytes at most <c>chunk</c> at a time (1 = byte by byte), then the end of the stream.</summary>
public sealed class ScriptedByteSource(byte[] bytes, int chunk) : IByteSource
{
    private int _position;

    public ScriptedByteSource(string text, int chunk) : this(Encoding.Latin1.GetBytes(text), chunk) { }

    public ValueTask<int> ReceiveAsync(Memory<byte> buffer)
    {
        var count = Math.Min(Math.Min(chunk, buffer.Length), bytes.Length - _position);
        bytes.AsSpan(_position, count).CopyTo(buffer.Span);
        _position += count;
        return ValueTask.FromResult(count);
    }
}
