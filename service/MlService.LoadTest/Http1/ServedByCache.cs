using System.Text;

namespace MlService.LoadTest.Http1;

/// <summary>
/// Turns the bytes of an <c>X-Served-By</c> value into a string without allocating one per response: a connection
/// sees the same few replica names over and over, so the last few are kept with their bytes and matched first.
/// Not thread-safe: one per connection.
/// </summary>
public sealed class ServedByCache
{
    private const int Size = 8;
    private readonly byte[]?[] _keys = new byte[Size][];
    private readonly string?[] _values = new string[Size];
    private int _next;

    public string Get(ReadOnlySpan<byte> value)
    {
        for (var i = 0; i < Size; i++)
        {
            if (_keys[i] is { } key && value.SequenceEqual(key)) return _values[i]!;
        }
        // Latin-1, as HTTP field values are octets; a new name replaces the oldest entry.
        var text = Encoding.Latin1.GetString(value);
        _keys[_next] = value.ToArray();
        _values[_next] = text;
        _next = (_next + 1) % Size;
        return text;
    }
}
