using MlService.Core.Signatures;

namespace MlService.Trainer.Data;

/// <summary>Maps column types to the signature kinds clients send.</summary>
public static class ColumnTypes
{
    public static DataKind ToDataKind(this ColumnType type) => type switch
    {
        ColumnType.Long => DataKind.Int64,
        ColumnType.Double => DataKind.Float64,
        ColumnType.Boolean => DataKind.Boolean,
        _ => DataKind.String,
    };

    public static bool IsNumeric(this ColumnType type) => type is ColumnType.Long or ColumnType.Double;
}
