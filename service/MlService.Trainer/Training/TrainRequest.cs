namespace MlService.Trainer.Training;

/// <summary>What to train: a CSV with a header, the label column, and where to write the model directory.</summary>
public sealed record TrainRequest(string DataPath, string Label, string OutputDirectory)
{
    /// <summary>Null: inferred from the label (see <see cref="TaskInference"/>).</summary>
    public TrainTask? Task { get; init; }

    /// <summary>Model name written to MLmodel <c>metadata.name</c>.</summary>
    public string Name { get; init; } = "heart-disease";

    public int Seed { get; init; } = 42;

    /// <summary>Share of rows held out for the metrics, in (0, 1).</summary>
    public double TestFraction { get; init; } = 0.2;

    /// <summary>
    /// True: an output directory that already holds a model (an MLmodel file) is replaced by the new one, which is
    /// written beside it first, so the output never holds half a model. False: a non-empty output is refused.
    /// </summary>
    public bool ReplaceModel { get; init; }
}
