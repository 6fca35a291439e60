using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using DataKind = MlService.Core.Signatures.DataKind;

namespace MlService.Core.Runtimes.MlNet;

/// <summary>Reads the slot-name and key-value annotations ML.NET attaches to columns, as strings.</summary>
internal static class MlNetAnnotations
{
    public static string[]? SlotNames(DataViewSchema.Column column) => ReadStrings(column, "SlotNames");

    public static string[]? KeyValues(DataViewSchema.Column column) => ReadStrings(column, "KeyValues");

    private static string[]? ReadStrings(DataViewSchema.Column column, string kind)
    {
        var annotation = column.Annotations.Schema.GetColumnOrNull(kind);
        if (annotation is null || annotation.Value.Type is not VectorDataViewType vector) return null;
        var item = vector.ItemType.RawType;
        if (item == typeof(ReadOnlyMemory<char>)) return Read<ReadOnlyMemory<char>>(column, kind, v => v.ToString());
        if (item == typeof(float)) return Read<float>(column, kind, v => v.ToString("R", CultureInfo.InvariantCulture));
        if (item == typeof(double)) return Read<double>(column, kind, v => v.ToString("R", CultureInfo.InvariantCulture));
        if (item == typeof(int)) return Read<int>(column, kind, v => v.ToString(CultureInfo.InvariantCulture));
        if (item == typeof(long)) return Read<long>(column, kind, v => v.ToString(CultureInfo.InvariantCulture));
        if (item == typeof(uint)) return Read<uint>(column, kind, v => v.ToString(CultureInfo.InvariantCulture));
        if (item == typeof(bool)) return Read<bool>(column, kind, v => v ? "true" : "false");
        return null;
    }

    private static string[] Read<T>(DataViewSchema.Column column, string kind, Func<T, string> format)
    {
        var buffer = default(VBuffer<T>);
        column.Annotations.GetValue(kind, ref buffer);
        return buffer.DenseValues().Select(format).ToArray();
    }
}
