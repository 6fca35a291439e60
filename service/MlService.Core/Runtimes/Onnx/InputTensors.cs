using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;

namespace MlService.Core.Runtimes.Onnx;

/// <summary>
/// Creates ONNX Runtime input tensors over a slice of a frame's flat typed array. Numeric and bool data is
/// pinned and used in place (no copy); strings and float16 are copied into native tensors.
/// </summary>
internal static class InputTensors
{
    // Dispatch on the exact array type: "values is uint[]" is also true for an int[] in the CLR.
    public static OrtValue Create(Array values, int offset, int length, long[] shape) => ArrayKinds.KindOf(values) switch
    {
        DataKind.Float32 => Pinned((float[])values, offset, length, shape),
        DataKind.Float64 => Pinned((double[])values, offset, length, shape),
        DataKind.Int64 => Pinned((long[])values, offset, length, shape),
        DataKind.Int32 => Pinned((int[])values, offset, length, shape),
        DataKind.Int16 => Pinned((short[])values, offset, length, shape),
        DataKind.Int8 => Pinned((sbyte[])values, offset, length, shape),
        DataKind.UInt8 => Pinned((byte[])values, offset, length, shape),
        DataKind.UInt16 => Pinned((ushort[])values, offset, length, shape),
        DataKind.UInt32 => Pinned((uint[])values, offset, length, shape),
        DataKind.UInt64 => Pinned((ulong[])values, offset, length, shape),
        DataKind.Boolean => Pinned((bool[])values, offset, length, shape),
        DataKind.Float16 => Pinned(MemoryMarshal.Cast<Half, Float16>(((Half[])values).AsSpan(offset, length)).ToArray(), 0, length, shape),
        DataKind.String => Strings((string?[])values, offset, length, shape),
        _ => throw new NotSupportedException($"ONNX inputs cannot be made of {values.GetType().Name}"),
    };

    private static OrtValue Pinned<T>(T[] values, int offset, int length, long[] shape) where T : unmanaged =>
        OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, new Memory<T>(values, offset, length), shape);

    private static OrtValue Strings(string?[] values, int offset, int length, long[] shape)
    {
        var tensor = OrtValue.CreateTensorWithEmptyStrings(OrtAllocator.DefaultInstance, shape);
        try
        {
            // ONNX string tensors have no null; a missing optional string is fed as "".
            for (var i = 0; i < length; i++) tensor.StringTensorSetElementAt((values[offset + i] ?? "").AsSpan(), i);
            return tensor;
        }
        catch
        {
            tensor.Dispose();
            throw;
        }
    }
}
