namespace MlService.Trainer.Training;

/// <summary>One input column of the training data: its CSV name, inferred type, and whether any cell was missing.</summary>
public sealed record TrainingColumn(string Name, ColumnType Type, bool HasMissing);
