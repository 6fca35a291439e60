namespace MlService.Trainer.Data;

/// <summary>What a CSV column holds, as inferred from its cells.</summary>
public enum ColumnType
{
    Long,
    Double,
    Boolean,
    String,
}

