namespace MlService.Core.Frames;

/// <summary>
/// The exact element kind of a typed array. Pattern matching (<c>values is uint[]</c>) cannot be trusted for
/// this: the CLR lets an <c>int[]</c> pass as <c>uint[]</c> (and sbyte/byte, short/ushort, long/ulong), so
/// every switch over frame arrays goes through the exact runtime type or the column's kind.
/// </summary>
public static class ArrayKinds
{
    public static DataKind KindOf(Array values)
    {
        var type = values.GetType();
        if (type == typeof(float[])) return DataKind.Float32;
        if (type == typeof(double[])) return DataKind.Float64;
        if (type == typeof(long[])) return DataKind.Int64;
        if (type == typeof(int[])) return DataKind.Int32;
        if (type == typeof(bool[])) return DataKind.Boolean;
        if (type == typeof(string[])) return DataKind.String;
        if (type == typeof(short[])) return DataKind.Int16;
        if (type == typeof(sbyte[])) return DataKind.Int8;
        if (type == typeof(byte[])) return DataKind.UInt8;
        if (type == typeof(ushort[])) return DataKind.UInt16;
        if (type == typeof(uint[])) return DataKind.UInt32;
        if (type == typeof(ulong[])) return DataKind.UInt64;
        if (type == typeof(Half[])) return DataKind.Float16;
        if (type == typeof(byte[][])) return DataKind.Binary;
        if (type == typeof(DateTime[])) return DataKind.DateTime;
        throw new ArgumentException($"{type.Name} is not a frame column array");
    }
}
