using System.Globalization;
using MlService.Core.Signatures;

namespace MlService.Core.Frames;

/// <summary>
/// Converts a whole column to another element kind (e.g. the int64 a client sent to the float32 a model
/// takes). Used by runtimes after validation, so the conversions here are the safe ones only.
/// </summary>
public static class ColumnConversion
{
    public static FrameColumn ConvertTo(FrameColumn column, DataKind target)
    {
        if (column.Kind == target) return column;
        var source = column.Values;
        var result = Array.CreateInstance(DataKinds.ElementType(target), source.Length);
        switch (target)
        {
            case DataKind.Float32:
                Fill((float[])result, source, ToDouble, d => (float)d);
                break;
            case DataKind.Float64:
                Fill((double[])result, source, ToDouble, d => d);
                break;
            case DataKind.Int32:
                Fill((int[])result, source, ToDouble, d => checked((int)d));
                break;
            case DataKind.Int64:
                Fill((long[])result, source, ToDouble, d => checked((long)d));
                break;
            case DataKind.Boolean:
                Fill((bool[])result, source, ToDouble, d => d != 0);
                break;
            case DataKind.String:
                for (var i = 0; i < source.Length; i++)
                    result.SetValue(Convert.ToString(source.GetValue(i), CultureInfo.InvariantCulture), i);
                break;
            default:
                for (var i = 0; i < source.Length; i++)
                    result.SetValue(Convert.ChangeType(source.GetValue(i), DataKinds.ElementType(target), CultureInfo.InvariantCulture), i);
                break;
        }
        return new FrameColumn(column.Name, target, result, column.Width, column.SlotNames, column.Shape);
    }

    private static void Fill<T>(T[] target, Array source, Func<Array, int, double> read, Func<double, T> write)
    {
        for (var i = 0; i < target.Length; i++) target[i] = write(read(source, i));
    }

    // Unsigned arrays first and by exact type: the CLR also lets uint[] pass as int[] (and byte/sbyte, ushort/short, ulong/long).
    private static double ToDouble(Array source, int i) => source switch
    {
        byte[] b when source.GetType() == typeof(byte[]) => b[i],
        ushort[] u when source.GetType() == typeof(ushort[]) => u[i],
        uint[] u when source.GetType() == typeof(uint[]) => u[i],
        ulong[] u when source.GetType() == typeof(ulong[]) => u[i],
        float[] f => f[i],
        double[] d => d[i],
        int[] n => n[i],
        long[] l => l[i],
        bool[] b => b[i] ? 1 : 0,
        short[] s => s[i],
        sbyte[] s => s[i],
        Half[] h => (double)h[i],
        string?[] s => double.Parse(s[i] ?? "NaN", CultureInfo.InvariantCulture),
        _ => throw new InvalidCastException($"cannot convert {source.GetType().Name} to a number"),
    };
}
