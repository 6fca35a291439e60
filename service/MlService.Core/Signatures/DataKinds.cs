namespace MlService.Core.Signatures;

/// <summary>Names of <see cref="DataKind"/> in the MLflow and numpy vocabularies of signatures (wire datatype names live with the codecs).</summary>
public static class DataKinds
{
    /// <summary>MLflow column type name ("long", "double", ...).</summary>
    public static string ToMlflowColumnType(DataKind kind) => kind switch
    {
        DataKind.Boolean => "boolean",
        DataKind.Int8 or DataKind.Int16 or DataKind.Int32 or DataKind.UInt8 or DataKind.UInt16 => "integer",
        DataKind.Int64 or DataKind.UInt32 or DataKind.UInt64 => "long",
        DataKind.Float16 or DataKind.Float32 => "float",
        DataKind.Float64 => "double",
        DataKind.String => "string",
        DataKind.Binary => "binary",
        DataKind.DateTime => "datetime",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static DataKind? FromMlflowColumnType(string type) => type switch
    {
        "boolean" => DataKind.Boolean,
        "integer" => DataKind.Int32,
        "long" => DataKind.Int64,
        "float" => DataKind.Float32,
        "double" => DataKind.Float64,
        "string" => DataKind.String,
        "binary" => DataKind.Binary,
        "datetime" => DataKind.DateTime,
        _ => null,
    };

    /// <summary>numpy dtype name used by MLflow tensor specs.</summary>
    public static string ToNumpyDType(DataKind kind) => kind switch
    {
        DataKind.Boolean => "bool",
        DataKind.Int8 => "int8",
        DataKind.Int16 => "int16",
        DataKind.Int32 => "int32",
        DataKind.Int64 => "int64",
        DataKind.UInt8 => "uint8",
        DataKind.UInt16 => "uint16",
        DataKind.UInt32 => "uint32",
        DataKind.UInt64 => "uint64",
        DataKind.Float16 => "float16",
        DataKind.Float32 => "float32",
        DataKind.Float64 => "float64",
        DataKind.String => "str",
        DataKind.Binary => "bytes",
        DataKind.DateTime => "datetime64[ns]",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static DataKind? FromNumpyDType(string dtype) => dtype switch
    {
        "bool" or "bool_" => DataKind.Boolean,
        "int8" => DataKind.Int8,
        "int16" => DataKind.Int16,
        "int32" => DataKind.Int32,
        "int64" or "int" => DataKind.Int64,
        "uint8" => DataKind.UInt8,
        "uint16" => DataKind.UInt16,
        "uint32" => DataKind.UInt32,
        "uint64" => DataKind.UInt64,
        "float16" => DataKind.Float16,
        "float32" => DataKind.Float32,
        "float64" or "float" => DataKind.Float64,
        "str" or "object" or "str_" or "unicode" => DataKind.String,
        "bytes" or "bytes_" => DataKind.Binary,
        _ when dtype.StartsWith("datetime64", StringComparison.Ordinal) => DataKind.DateTime,
        _ => null,
    };

    public static bool IsNumeric(DataKind kind) => kind is not (DataKind.Boolean or DataKind.String or DataKind.Binary or DataKind.DateTime);

    public static bool IsFloatingPoint(DataKind kind) => kind is DataKind.Float16 or DataKind.Float32 or DataKind.Float64;

    /// <summary>Managed element type used to store a column of this kind in a frame.</summary>
    public static Type ElementType(DataKind kind) => kind switch
    {
        DataKind.Boolean => typeof(bool),
        DataKind.Int8 => typeof(sbyte),
        DataKind.Int16 => typeof(short),
        DataKind.Int32 => typeof(int),
        DataKind.Int64 => typeof(long),
        DataKind.UInt8 => typeof(byte),
        DataKind.UInt16 => typeof(ushort),
        DataKind.UInt32 => typeof(uint),
        DataKind.UInt64 => typeof(ulong),
        DataKind.Float16 => typeof(Half),
        DataKind.Float32 => typeof(float),
        DataKind.Float64 => typeof(double),
        DataKind.String => typeof(string),
        DataKind.Binary => typeof(byte[]),
        DataKind.DateTime => typeof(DateTime),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static readonly Type[] ArrayTypes = Enum.GetValues<DataKind>().Select(k => ElementType(k).MakeArrayType()).ToArray();

    /// <summary>The array type a column of <paramref name="kind"/> is stored in (<c>float[]</c>, <c>string[]</c>, ...).</summary>
    public static Type ArrayType(DataKind kind) => (uint)kind < (uint)ArrayTypes.Length
        ? ArrayTypes[(int)kind]
        : throw new ArgumentOutOfRangeException(nameof(kind));
}
