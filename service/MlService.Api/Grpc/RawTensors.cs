using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using Google.Protobuf;

namespace MlService.Api.Grpc;

/// <summary>
/// The raw tensor layout of <c>raw_input_contents</c> / <c>raw_output_contents</c>: elements flattened row-major,
/// little-endian, no padding; BOOL one byte each; BYTES elements each as a 4-byte little-endian length and the bytes.
/// Numeric arrays are copied as memory, which is this layout on the little-endian machines .NET serves on (x64, arm64).
/// </summary>
public static class RawTensors
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    /// <summary>Bytes per element of a fixed-size kind; 0 for BYTES kinds.</summary>
    public static int ElementSize(DataKind kind) => kind switch
    {
        DataKind.Boolean or DataKind.Int8 or DataKind.UInt8 => 1,
        DataKind.Int16 or DataKind.UInt16 or DataKind.Float16 => 2,
        DataKind.Int32 or DataKind.UInt32 or DataKind.Float32 => 4,
        DataKind.Int64 or DataKind.UInt64 or DataKind.Float64 => 8,
        _ => 0,
    };

    /// <summary>A fixed-size tensor: <paramref name="total"/> elements of <paramref name="kind"/> (its length was checked).</summary>
    public static Array ReadFixed(ReadOnlySpan<byte> raw, DataKind kind) => kind switch
    {
        DataKind.Boolean => ReadBool(raw),
        DataKind.Int8 => Copy<sbyte>(raw),
        DataKind.Int16 => Copy<short>(raw),
        DataKind.Int32 => Copy<int>(raw),
        DataKind.Int64 => Copy<long>(raw),
        DataKind.UInt8 => raw.ToArray(),
        DataKind.UInt16 => Copy<ushort>(raw),
        DataKind.UInt32 => Copy<uint>(raw),
        DataKind.UInt64 => Copy<ulong>(raw),
        DataKind.Float16 => Copy<Half>(raw),
        DataKind.Float32 => Copy<float>(raw),
        DataKind.Float64 => Copy<double>(raw),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>The BYTES elements of a raw tensor, or null when the length prefixes do not add up to the content.</summary>
    public static List<ReadOnlyMemory<byte>>? ReadBytes(ReadOnlyMemory<byte> raw)
    {
        var elements = new List<ReadOnlyMemory<byte>>();
        var at = 0;
        while (at < raw.Length)
        {
            if (raw.Length - at < 4) return null;
            var length = BinaryPrimitives.ReadUInt32LittleEndian(raw.Span[at..]);
            at += 4;
            if (length > (uint)(raw.Length - at)) return null;
            elements.Add(raw.Slice(at, (int)length));
            at += (int)length;
        }
        return elements;
    }

    /// <summary>UTF-8 text of a BYTES element, or null when it is not valid UTF-8.</summary>
    public static string? Utf8(ReadOnlySpan<byte> bytes)
    {
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    /// <summary>A frame column's values in the raw layout.</summary>
    public static ByteString Write(DataKind kind, Array values) => kind switch
    {
        DataKind.Boolean => UnsafeByteOperations.UnsafeWrap(((bool[])values).Select(b => b ? (byte)1 : (byte)0).ToArray()),
        DataKind.String or DataKind.Binary or DataKind.DateTime => WriteBytes(BytesElements(kind, values)),
        _ => ByteString.CopyFrom(MemoryMarshal.CreateReadOnlySpan(ref MemoryMarshal.GetArrayDataReference(values), values.Length * ElementSize(kind))),
    };

    /// <summary>BYTES elements of a string, binary or date-time column: UTF-8 text, the bytes themselves, ISO-8601 as REST writes it.</summary>
    public static IEnumerable<byte[]> BytesElements(DataKind kind, Array values) => kind switch
    {
        DataKind.String => ((string?[])values).Select(s => Encoding.UTF8.GetBytes(s ?? "")),
        DataKind.Binary => ((byte[]?[])values).Select(b => b ?? []),
        _ => ((DateTime[])values).Select(d => JsonSerializer.SerializeToUtf8Bytes(d)[1..^1]),
    };

    private static ByteString WriteBytes(IEnumerable<byte[]> elements)
    {
        using var stream = new MemoryStream();
        Span<byte> prefix = stackalloc byte[4];
        foreach (var element in elements)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(prefix, (uint)element.Length);
            stream.Write(prefix);
            stream.Write(element);
        }
        return UnsafeByteOperations.UnsafeWrap(stream.ToArray());
    }

    private static bool[] ReadBool(ReadOnlySpan<byte> raw)
    {
        var values = new bool[raw.Length];
        for (var i = 0; i < raw.Length; i++) values[i] = raw[i] != 0;
        return values;
    }

    private static T[] Copy<T>(ReadOnlySpan<byte> raw) where T : unmanaged
    {
        var values = new T[raw.Length / System.Runtime.CompilerServices.Unsafe.SizeOf<T>()];
        raw.CopyTo(MemoryMarshal.AsBytes(values.AsSpan()));
        return values;
    }
}
