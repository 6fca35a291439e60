namespace MlService.Core.Codecs;

/// <summary>Open Inference Protocol (KServe V2) datatype names ("FP32", "BYTES", ...) of each <see cref="DataKind"/>.</summary>
public static class V2DatatypeNames
{
    public static string ToV2Datatype(DataKind kind) => kind switch
    {
        DataKind.Boolean => "BOOL",
        DataKind.Int8 => "INT8",
        DataKind.Int16 => "INT16",
        DataKind.Int32 => "INT32",
        DataKind.Int64 => "INT64",
        DataKind.UInt8 => "UINT8",
        DataKind.UInt16 => "UINT16",
        DataKind.UInt32 => "UINT32",
        DataKind.UInt64 => "UINT64",
        DataKind.Float16 => "FP16",
        DataKind.Float32 => "FP32",
        DataKind.Float64 => "FP64",
        DataKind.String or DataKind.Binary or DataKind.DateTime => "BYTES",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>The kind a V2 datatype name stands for (BYTES reads as string), or null for an unknown name.</summary>
    public static DataKind? FromV2Datatype(string datatype) => datatype switch
    {
        "BOOL" => DataKind.Boolean,
        "INT8" => DataKind.Int8,
        "INT16" => DataKind.Int16,
        "INT32" => DataKind.Int32,
        "INT64" => DataKind.Int64,
        "UINT8" => DataKind.UInt8,
        "UINT16" => DataKind.UInt16,
        "UINT32" => DataKind.UInt32,
        "UINT64" => DataKind.UInt64,
        "FP16" => DataKind.Float16,
        "FP32" => DataKind.Float32,
        "FP64" => DataKind.Float64,
        "BYTES" => DataKind.String,
        _ => null,
    };
}
