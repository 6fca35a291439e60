using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using MlService.Core.Validation;

namespace MlService.Core.Codecs;

/// <summary>
/// Reads one JSON token into a column slot by the rules of <see cref="ColumnCoercion"/>: numbers straight from the
/// token, numeric strings from their UTF-8 bytes, booleans and null by the field's kind; objects and arrays are errors.
/// </summary>
public static class JsonCellReader
{
    public static void ReadScalar(ref Utf8JsonReader reader, FieldSpec spec, Array target, int index, FrameBuilder builder, int row, int field)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                ReadNumber(ref reader, spec, target, index, builder, row, field);
                return;
            case JsonTokenType.String:
                if (reader.ValueIsEscaped || reader.HasValueSequence || spec.Kind is DataKind.String or DataKind.Binary or DataKind.DateTime)
                {
                    var text = reader.GetString()!;
                    if (text.Length > builder.Options.MaxStringLength)
                    {
                        builder.Error(row, field, $"is longer than {builder.Options.MaxStringLength} characters");
                        return;
                    }
                    Report(builder, row, field, ColumnCoercion.ParseText(text, spec, target, index, builder.Options));
                }
                else
                {
                    ParseUtf8(reader.ValueSpan, spec, target, index, builder, row, field);
                }
                return;
            case JsonTokenType.True:
            case JsonTokenType.False:
                var flag = reader.TokenType == JsonTokenType.True;
                switch (spec.Kind)
                {
                    case DataKind.Boolean: ((bool[])target)[index] = flag; return;
                    case DataKind.String: ((string?[])target)[index] = flag ? "true" : "false"; return;
                    default: builder.Error(row, field, $"must be {ColumnCoercion.Describe(spec.Kind)}, got a boolean"); return;
                }
            case JsonTokenType.Null:
                if (spec.Required) builder.Error(row, field, "is required and may not be null");
                return;
            case JsonTokenType.StartObject:
            case JsonTokenType.StartArray:
                builder.Error(row, field, $"must be {ColumnCoercion.Describe(spec.Kind)}, got {(reader.TokenType == JsonTokenType.StartObject ? "an object" : "an array")}");
                reader.Skip();
                return;
            default:
                builder.Error(row, field, $"must be {ColumnCoercion.Describe(spec.Kind)}");
                return;
        }
    }

    private static void ReadNumber(ref Utf8JsonReader reader, FieldSpec spec, Array target, int index, FrameBuilder builder, int row, int field)
    {
        switch (spec.Kind)
        {
            case DataKind.Float32:
                if (reader.TryGetDouble(out var d) && ColumnCoercion.StoreFloat(d, (float[])target, index)) return;
                builder.Error(row, field, "is out of range for a float32");
                return;
            case DataKind.Float64:
                if (reader.TryGetDouble(out var d2) && double.IsFinite(d2)) { ((double[])target)[index] = d2; return; }
                builder.Error(row, field, "is out of range for a float64");
                return;
            case DataKind.Float16:
                if (reader.TryGetDouble(out var h) && double.IsFinite(h) && Half.IsFinite((Half)h)) { ((Half[])target)[index] = (Half)h; return; }
                builder.Error(row, field, "is out of range for a float16");
                return;
            case DataKind.String:
                ((string?[])target)[index] = Encoding.UTF8.GetString(reader.ValueSpan);
                return;
            default:
                if (reader.TryGetInt64(out var l)) { Report(builder, row, field, ColumnCoercion.StoreInteger(l, spec, target, index)); return; }
                if (reader.TryGetDouble(out var d3) && double.IsFinite(d3) && Math.Floor(d3) == d3)
                {
                    if (Math.Abs(d3) < 9.2e18) Report(builder, row, field, ColumnCoercion.StoreInteger((long)d3, spec, target, index));
                    else builder.Error(row, field, $"is out of range for {ColumnCoercion.Describe(spec.Kind)}");
                    return;
                }
                builder.Error(row, field, ColumnCoercion.IsInteger(spec.Kind) && IsIntegral(reader.ValueSpan)
                    ? $"is out of range for {ColumnCoercion.Describe(spec.Kind)}"
                    : $"must be {ColumnCoercion.Describe(spec.Kind)}{ColumnCoercion.Echo(builder.Options, Encoding.UTF8.GetString(reader.ValueSpan))}");
                return;
        }
    }

    private static bool IsIntegral(ReadOnlySpan<byte> number) => number.IndexOfAny((byte)'.', (byte)'e', (byte)'E') < 0;

    private static void ParseUtf8(ReadOnlySpan<byte> utf8, FieldSpec spec, Array target, int index, FrameBuilder builder, int row, int field)
    {
        // Fast path for the common numeric string: parse the UTF-8 bytes without making a string.
        if (spec.Kind is DataKind.Float32 or DataKind.Float64 && Utf8Parser.TryParse(utf8, out double d, out var used) && used == utf8.Length && double.IsFinite(d))
        {
            if (spec.Kind == DataKind.Float64) ((double[])target)[index] = d;
            else if (!ColumnCoercion.StoreFloat(d, (float[])target, index)) builder.Error(row, field, "is out of range for a float32");
            return;
        }
        Report(builder, row, field, ColumnCoercion.ParseText(Encoding.UTF8.GetString(utf8), spec, target, index, builder.Options));
    }

    private static void Report(FrameBuilder builder, int row, int field, string? error)
    {
        if (error is not null) builder.Error(row, field, error);
    }
}
