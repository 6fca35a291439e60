namespace MlService.Trainer.Training;

/// <summary>Task names as written on the command line and in MLmodel (<c>mlservice.task</c>).</summary>
public static class TrainTasks
{
    public static string Name(this TrainTask task) => task.ToString().ToLowerInvariant();

    public static TrainTask Parse(string name) => name.ToLowerInvariant() switch
    {
        "binary" => TrainTask.Binary,
        "multiclass" => TrainTask.Multiclass,
        "regression" => TrainTask.Regression,
        _ => throw new ArgumentException($"task '{name}' is not one of binary, multiclass, regression"),
    };
}
