using System.Text.Json.Nodes;
using MlService.Core.Csv;

namespace MlService.LoadTest.Payloads;

/// <summary>
/// Turns a value read from a rows file into the CLR value a body builder writes: converted to the signature's
/// type when it is known, otherwise inferred (integer, number, boolean, string).
/// </summary>
public static class CellConversion
{
    public static object? FromText(string text, DataKind? kind)
    {
        if (CsvRecords.IsMissing(text)) return null;
        if (kind is { } k) return Convert(text, k);
        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l)) return l;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) return d;
        if (bool.TryParse(text, out var b)) return b;
        return text;
    }

    public static object? FromJson(JsonNode? node, DataKind? kind)
    {
        if (node is not JsonValue value) return node?.ToJsonString();
        return value.GetValueKind() switch
        {
            JsonValueKind.Null => null,
            JsonValueKind.True => kind is null or DataKind.Boolean ? true : Convert("true", kind.Value),
            JsonValueKind.False => kind is null or DataKind.Boolean ? false : Convert("false", kind.Value),
            JsonValueKind.String => kind is null or DataKind.String ? value.GetValue<string>() : Convert(value.GetValue<string>(), kind.Value),
            _ => FromText(value.ToJsonString(), kind),
        };
    }

    public static DataKind Infer(object? value) => value switch
    {
        bool => DataKind.Boolean,
        int => DataKind.Int32,
        long => DataKind.Int64,
        float => DataKind.Float32,
        double => DataKind.Float64,
        _ => DataKind.String,
    };

    private static object Convert(string text, DataKind kind)
    {
        var inv = CultureInfo.InvariantCulture;
        try
        {
            return kind switch
            {
                DataKind.Boolean => text is "1" ? true : text is "0" ? false : bool.Parse(text),
                DataKind.Int8 or DataKind.Int16 or DataKind.Int32 or DataKind.UInt8 or DataKind.UInt16 => (int)double.Parse(text, inv),
                DataKind.Int64 or DataKind.UInt32 or DataKind.UInt64 => (long)double.Parse(text, inv),
                DataKind.Float16 or DataKind.Float32 => float.Parse(text, inv),
                DataKind.Float64 => double.Parse(text, inv),
                _ => text,
            };
        }
        catch (FormatException)
        {
            throw new FormatException($"'{text}' is not a valid {DataKinds.ToMlflowColumnType(kind)}");
        }
    }
}
