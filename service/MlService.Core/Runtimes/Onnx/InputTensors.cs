using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;

namespace MlService.Core.Runtimes.Onnx;

/// <summary>
/// Creates ONNX Runtime input tensors over a slice of a frame's flat typed array. Numeric and bool data is
/// pinned and used in place (no copy); strings and float16 are copied into native tensors.
/// </summary>
internal static class InputTensors
{
    public static OrtValue Create(Array values, int offset, int length, long[] shape) => values switch
    {
        float[] a => Pinned(a, offset, length, shape),
        double[] a => Pinned(a, offset, length, shape),
        long[] a => Pinned(a, offset, length, shape),
        int[] a => Pinned(a, offset, length, shape),
        short[] a => Pinned(a, offset, length, shape),
        sbyte[] a => Pinned(a, offset, length, shape),
        byte[] a => Pinned(a, offset, length, shape),
        ushort[] a => Pinned(a, offset, length, shape),
        uint[] a => Pinned(a, offset, length, shape),
        ulong[] a => Pinned(a, offset, length, shape),
        bool[] a => Pinned(a, offset, length, shape),
        Half[] a => Pinned(MemoryMarshal.Cast<Half, Float16>(a.AsSpan(offset, length)).ToArray(), 0, length, shape),
        string?[] a => Strings(a, offset, length, shape),
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
