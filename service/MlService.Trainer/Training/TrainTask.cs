namespace MlService.Trainer.Training;

/// <summary>What the model predicts: a yes/no, one of several classes, or a number.</summary>
public enum TrainTask
{
    Binary,
    Multiclass,
    Regression,
}

public static class TrainTasks
{
    /// <summary>Name used on the command line and in MLmodel (<c>mlservice.task</c>).</summary>
    public static string Name(this TrainTask task) => task.ToString().ToLowerInvariant();

    public static TrainTask Parse(string name) => name.ToLowerInvariant() switch
    {
        "binary" => TrainTask.Binary,
        "multiclass" => TrainTask.Multiclass,
        "regression" => TrainTask.Regression,
        _ => throw new ArgumentException($"task '{name}' is not one of binary, multiclass, regression"),
    };
}
