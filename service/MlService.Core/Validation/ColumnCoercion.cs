using System.Buffers.Text;
using System.Globalization;

namespace MlService.Core.Validation;

/// <summary>
/// The coercion rules, one place for every protocol: JSON numbers and numeric strings for numeric columns
/// (integers must be integral and in range; floats must be finite), true/false/0/1 for booleans, text and
/// numbers for strings, base64 for binary, ISO-8601 for datetimes. null is allowed only for optional fields.
/// Each rule stores the value and returns null, or returns the error message for the field (the caller adds the path).
/// </summary>
public static class ColumnCoercion
{
    /// <summary>Parses text (a JSON string or a CSV cell) into the column's type.</summary>
    public static string? ParseText(string text, FieldSpec spec, Array target, int index, ValidationOptions options)
    {
        switch (spec.Kind)
        {
            case DataKind.String:
                ((string?[])target)[index] = text;
                return null;
            case DataKind.Boolean:
                var b = (bool[])target;
                if (bool.TryParse(text, out var flag)) b[index] = flag;
                else if (text == "1") b[index] = true;
                else if (text == "0") b[index] = false;
                else return $"must be a boolean (true/false){Echo(options, text)}";
                return null;
            case DataKind.Float32 or DataKind.Float64 or DataKind.Float16:
                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
                    return $"must be a number{Echo(options, text)}";
                if (!double.IsFinite(d))
                    return "must be a finite number (NaN and infinity are not accepted)";
                if (spec.Kind == DataKind.Float64) ((double[])target)[index] = d;
                else if (spec.Kind == DataKind.Float16) ((Half[])target)[index] = (Half)d;
                else if (!StoreFloat(d, (float[])target, index)) return "is out of range for a float32";
                return null;
            case DataKind.Binary:
                var bytes = new byte[Base64.GetMaxDecodedFromUtf8Length(text.Length)];
                if (!Convert.TryFromBase64String(text, bytes, out var written)) return "must be base64-encoded binary";
                ((byte[][])target)[index] = bytes[..written];
                return null;
            case DataKind.DateTime:
                if (!DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var when))
                    return $"must be an ISO-8601 date-time{Echo(options, text)}";
                ((DateTime[])target)[index] = when;
                return null;
            default:
                if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l))
                    return StoreInteger(l, spec, target, index);
                if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d3) && double.IsFinite(d3) && Math.Floor(d3) == d3 && Math.Abs(d3) < 9.2e18)
                    return StoreInteger((long)d3, spec, target, index);
                if (text.Length > 0 && text.AsSpan().TrimStart('-').IndexOfAnyExceptInRange('0', '9') < 0)
                    return $"is out of range for {Describe(spec.Kind)}";
                return $"must be {Describe(spec.Kind)}{Echo(options, text)}";
        }
    }

    internal static bool StoreFloat(double value, float[] target, int index)
    {
        var f = (float)value;
        if (!float.IsFinite(f) || !double.IsFinite(value)) return false;
        target[index] = f;
        return true;
    }

    /// <summary>Stores an integral value into any numeric (or string) column; the error message when it does not fit.</summary>
    internal static string? StoreInteger(long value, FieldSpec spec, Array target, int index)
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
        if (stored) return null;
        return spec.Kind == DataKind.Boolean
            ? "must be a boolean (true/false, 0/1)"
            : $"is out of range for {Describe(spec.Kind)}";
    }

    private static bool Store<T>(T[] target, int index, T value)
    {
        target[index] = value;
        return true;
    }

    internal static bool IsInteger(DataKind kind) => kind is DataKind.Int8 or DataKind.Int16 or DataKind.Int32 or DataKind.Int64
        or DataKind.UInt8 or DataKind.UInt16 or DataKind.UInt32 or DataKind.UInt64;

    /// <summary>The offending value quoted for an error message, only when <see cref="ValidationOptions.EchoValues"/> is on.</summary>
    internal static string Echo(ValidationOptions options, string value) =>
        options.EchoValues ? $" (got '{(value.Length > 40 ? value[..40] + "…" : value)}')" : "";

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
