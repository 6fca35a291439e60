namespace MlService.Trainer.Training;

/// <summary>
/// Picks the task from the label column: boolean or exactly two distinct values -> binary; strings, or
/// integers with at most <see cref="MaxIntegerClasses"/> distinct values -> multiclass; else regression.
/// </summary>
public static class TaskInference
{
    public const int MaxIntegerClasses = 10;

    public static TrainTask Infer(ColumnType labelType, IEnumerable<string> labelValues)
    {
        var distinct = labelValues.Distinct(StringComparer.Ordinal).Count();
        if (labelType == ColumnType.Boolean || distinct == 2) return TrainTask.Binary;
        return labelType switch
        {
            ColumnType.String => TrainTask.Multiclass,
            ColumnType.Long when distinct <= MaxIntegerClasses => TrainTask.Multiclass,
            _ => TrainTask.Regression,
        };
    }
}
