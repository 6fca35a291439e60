namespace MlService.Trainer.Training;

/// <summary>A trained and written model directory with its hold-out metrics.</summary>
public sealed record TrainResult(
    string Directory,
    TrainTask Task,
    string Label,
    IReadOnlyList<TrainingColumn> Inputs,
    IReadOnlyDictionary<string, double> Metrics,
    int TrainRows,
    int TestRows)
{
    /// <summary>Binary task: the label value that maps to <c>PredictedLabel = true</c>.</summary>
    public string? PositiveClass { get; init; }

    /// <summary>Multiclass task: the classes in the order of the Score vector.</summary>
    public IReadOnlyList<string>? Classes { get; init; }
}
