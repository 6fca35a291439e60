namespace MlService.Trainer.Training;

/// <summary>What the model predicts: a yes/no, one of several classes, or a number.</summary>
public enum TrainTask
{
    Binary,
    Multiclass,
    Regression,
}
