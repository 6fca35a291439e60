using System.Globalization;

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
        var read = Reader(column.Kind);
        var result = Array.CreateInstance(DataKinds.ElementType(target), source.Length);
        switch (target)
        {
            case DataKind.Float32:
                Fill((float[])result, source, read, d => (float)d);
                break;
            case DataKind.Float64:
                Fill((double[])result, source, read, d => d);
                break;
            case DataKind.Int32:
                Fill((int[])result, source, read, d => checked((int)d));
                break;
            case DataKind.Int64:
                Fill((long[])result, source, read, d => checked((long)d));
                break;
            case DataKind.Boolean:
                Fill((bool[])result, source, read, d => d != 0);
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

    /// <summary>Element reader by kind (not by "is T[]": the CLR lets int[] pass as uint[]).</summary>
    private static Func<Array, int, double> Reader(DataKind kind) => kind switch
    {
        DataKind.Float32 => (a, i) => ((float[])a)[i],
        DataKind.Float64 => (a, i) => ((double[])a)[i],
        DataKind.Int32 => (a, i) => ((int[])a)[i],
        DataKind.Int64 => (a, i) => ((long[])a)[i],
        DataKind.Boolean => (a, i) => ((bool[])a)[i] ? 1 : 0,
        DataKind.Int16 => (a, i) => ((short[])a)[i],
        DataKind.Int8 => (a, i) => ((sbyte[])a)[i],
        DataKind.UInt8 => (a, i) => ((byte[])a)[i],
        DataKind.UInt16 => (a, i) => ((ushort[])a)[i],
        DataKind.UInt32 => (a, i) => ((uint[])a)[i],
        DataKind.UInt64 => (a, i) => ((ulong[])a)[i],
        DataKind.Float16 => (a, i) => (double)((Half[])a)[i],
        DataKind.String => (a, i) => double.Parse(((string?[])a)[i] ?? "NaN", CultureInfo.InvariantCulture),
        _ => throw new InvalidCastException($"cannot convert {kind} to a number"),
    };
}
