using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json;
using MlService.Core.Signatures;

namespace MlService.Core.Validation;

/// <summary>
/// The coercion rules, one place for every protocol: JSON numbers and numeric strings for numeric columns
/// (integers must be integral and in range; floats must be finite), true/false/0/1 for booleans, text and
/// numbers for strings, base64 for binary, ISO-8601 for datetimes. null is allowed only for optional fields.
/// </summary>
public static class ColumnCoercion
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
                    ParseText(text, spec, target, index, builder, row, field);
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
                    default: builder.Error(row, field, $"must be {Describe(spec.Kind)}, got a boolean"); return;
                }
            case JsonTokenType.Null:
                if (spec.Required) builder.Error(row, field, "is required and may not be null");
                return;
            case JsonTokenType.StartObject:
            case JsonTokenType.StartArray:
                builder.Error(row, field, $"must be {Describe(spec.Kind)}, got {(reader.TokenType == JsonTokenType.StartObject ? "an object" : "an array")}");
                reader.Skip();
                return;
            default:
                builder.Error(row, field, $"must be {Describe(spec.Kind)}");
                return;
        }
    }

    private static void ReadNumber(ref Utf8JsonReader reader, FieldSpec spec, Array target, int index, FrameBuilder builder, int row, int field)
    {
        switch (spec.Kind)
        {
            case DataKind.Float32:
                if (reader.TryGetDouble(out var d) && StoreFloat(d, (float[])target, index)) return;
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
                if (reader.TryGetInt64(out var l)) { StoreInteger(l, spec, target, index, builder, row, field); return; }
                if (reader.TryGetDouble(out var d3) && double.IsFinite(d3) && Math.Floor(d3) == d3)
                {
                    if (Math.Abs(d3) < 9.2e18) StoreInteger((long)d3, spec, target, index, builder, row, field);
                    else builder.Error(row, field, $"is out of range for {Describe(spec.Kind)}");
                    return;
                }
                builder.Error(row, field, IsInteger(spec.Kind) && IsIntegral(reader.ValueSpan)
                    ? $"is out of range for {Describe(spec.Kind)}"
                    : $"must be {Describe(spec.Kind)}{Echo(builder, Encoding.UTF8.GetString(reader.ValueSpan))}");
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
            else if (!StoreFloat(d, (float[])target, index)) builder.Error(row, field, "is out of range for a float32");
            return;
        }
        ParseText(Encoding.UTF8.GetString(utf8), spec, target, index, builder, row, field);
    }

    /// <summary>Parses text (a JSON string or a CSV cell) into the column's type.</summary>
    public static void ParseText(string text, FieldSpec spec, Array target, int index, FrameBuilder builder, int row, int field)
    {
        switch (spec.Kind)
        {
            case DataKind.String:
                ((string?[])target)[index] = text;
                return;
            case DataKind.Boolean:
                var b = (bool[])target;
                if (bool.TryParse(text, out var flag)) b[index] = flag;
                else if (text == "1") b[index] = true;
                else if (text == "0") b[index] = false;
                else builder.Error(row, field, $"must be a boolean (true/false){Echo(builder, text)}");
                return;
            case DataKind.Float32 or DataKind.Float64 or DataKind.Float16:
                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
                    builder.Error(row, field, $"must be a number{Echo(builder, text)}");
                else if (!double.IsFinite(d))
                    builder.Error(row, field, "must be a finite number (NaN and infinity are not accepted)");
                else if (spec.Kind == DataKind.Float64) ((double[])target)[index] = d;
                else if (spec.Kind == DataKind.Float16) ((Half[])target)[index] = (Half)d;
                else if (!StoreFloat(d, (float[])target, index)) builder.Error(row, field, "is out of range for a float32");
                return;
            case DataKind.Binary:
                var bytes = new byte[Base64.GetMaxDecodedFromUtf8Length(text.Length)];
                if (Convert.TryFromBase64String(text, bytes, out var written)) ((byte[][])target)[index] = bytes[..written];
                else builder.Error(row, field, "must be base64-encoded binary");
                return;
            case DataKind.DateTime:
                if (DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var when)) ((DateTime[])target)[index] = when;
                else builder.Error(row, field, $"must be an ISO-8601 date-time{Echo(builder, text)}");
                return;
            default:
                if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l))
                    StoreInteger(l, spec, target, index, builder, row, field);
                else if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d3) && double.IsFinite(d3) && Math.Floor(d3) == d3 && Math.Abs(d3) < 9.2e18)
                    StoreInteger((long)d3, spec, target, index, builder, row, field);
                else if (text.Length > 0 && text.AsSpan().TrimStart('-').IndexOfAnyExceptInRange('0', '9') < 0)
                    builder.Error(row, field, $"is out of range for {Describe(spec.Kind)}");
                else
                    builder.Error(row, field, $"must be {Describe(spec.Kind)}{Echo(builder, text)}");
                return;
        }
    }

    private static bool StoreFloat(double value, float[] target, int index)
    {
        var f = (float)value;
        if (!float.IsFinite(f) || !double.IsFinite(value)) return false;
        target[index] = f;
        return true;
    }

    private static void StoreInteger(long value, FieldSpec spec, Array target, int index, FrameBuilder builder, int row, int field)
    {
        var stored = spec.Kind switch
        {
            DataKind.Int64 => Store((long[])target, index, value),
            DataKind.Int32 => value is >= int.MinValue and <= int.MaxValue && Store((int[])target, index, (int)value),
            DataKind.Int16 => value is >= short.MinValue and <= short.MaxValue && Store((short[])target, index, (short)value),
            DataKind.Int8 => value is >= sbyte.MinValue and <= sbyte.MaxValue && Store((sbyte[])target, index, (sbyte)value),
            DataKind.UInt8 => value is >= byte.MinValue and <= byte.MaxValue && Store((byte[])target, index, (byte)value),
            DataKind.UInt16 => value is >= ushort.MinValue and <= ushort.MaxValue && Store((ushort[])target, index, (ushort)value),
            DataKind.UInt32 => value is >= uint.MinValue and <= uint.MaxValue && Store((uint[])target, index, (uint)value),
            DataKind.UInt64 => value >= 0 && Store((ulong[])target, index, (ulong)value),
            DataKind.Boolean => value is 0 or 1 && Store((bool[])target, index, value == 1),
            DataKind.Float32 => Store((float[])target, index, value),
            DataKind.Float64 => Store((double[])target, index, value),
            DataKind.Float16 => Store((Half[])target, index, (Half)value),
            DataKind.String => Store((string?[])target, index, value.ToString(CultureInfo.InvariantCulture)),
            _ => false,
        };
        if (stored) return;
        builder.Error(row, field, spec.Kind == DataKind.Boolean
            ? "must be a boolean (true/false, 0/1)"
            : $"is out of range for {Describe(spec.Kind)}");
    }

    private static bool Store<T>(T[] target, int index, T value)
    {
        target[index] = value;
        return true;
    }

    private static bool IsInteger(DataKind kind) => kind is DataKind.Int8 or DataKind.Int16 or DataKind.Int32 or DataKind.Int64
        or DataKind.UInt8 or DataKind.UInt16 or DataKind.UInt32 or DataKind.UInt64;

    private static string Echo(FrameBuilder builder, string value) =>
        builder.Options.EchoValues ? $" (got '{(value.Length > 40 ? value[..40] + "…" : value)}')" : "";

    /// <summary>"an integer (int32)", "a number (float64)", ... as used in error messages.</summary>
    public static string Describe(DataKind kind) => kind switch
    {
        DataKind.Boolean => "a boolean",
        DataKind.String => "a string",
        DataKind.Binary => "base64-encoded binary",
        DataKind.DateTime => "an ISO-8601 date-time",
        DataKind.Float16 or DataKind.Float32 or DataKind.Float64 => $"a number ({kind.ToString().ToLowerInvariant()})",
        _ => $"an integer ({kind.ToString().ToLowerInvariant()})",
    };
}
