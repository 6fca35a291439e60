using Microsoft.ML.Data;
using DataKind = MlService.Core.Signatures.DataKind;

namespace MlService.Core.Runtimes.MlNet;

/// <summary>Maps ML.NET column types to frame kinds.</summary>
internal static class MlNetTypes
{
    public static DataKind? KindOf(DataViewType type) => type switch
    {
        VectorDataViewType vector => KindOf(vector.ItemType),
        KeyDataViewType => DataKind.UInt32,
        TextDataViewType => DataKind.String,
        BooleanDataViewType => DataKind.Boolean,
        _ when type.RawType == typeof(float) => DataKind.Float32,
        _ when type.RawType == typeof(double) => DataKind.Float64,
        _ when type.RawType == typeof(int) => DataKind.Int32,
        _ when type.RawType == typeof(long) => DataKind.Int64,
        _ when type.RawType == typeof(short) => DataKind.Int16,
        _ when type.RawType == typeof(sbyte) => DataKind.Int8,
        _ when type.RawType == typeof(byte) => DataKind.UInt8,
        _ when type.RawType == typeof(ushort) => DataKind.UInt16,
        _ when type.RawType == typeof(uint) => DataKind.UInt32,
        _ when type.RawType == typeof(ulong) => DataKind.UInt64,
        _ => null,
    };

    /// <summary>Fixed vector size, 1 for scalars, 0 for a variable-size vector.</summary>
    public static int WidthOf(DataViewType type) => type is VectorDataViewType vector ? vector.Size : 1;
}
