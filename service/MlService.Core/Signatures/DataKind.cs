namespace MlService.Core.Signatures;

/// <summary>
/// Element type of a column or tensor. One enum covers MLflow column types, numpy tensor dtypes and the
/// Open Inference Protocol datatypes, so every protocol maps onto the same frame.
/// </summary>
public enum DataKind
{
    Boolean,
    Int8,
    Int16,
    Int32,
    Int64,
    UInt8,
    UInt16,
    UInt32,
    UInt64,
    Float16,
    Float32,
    Float64,
    String,
    Binary,
    DateTime,
}
