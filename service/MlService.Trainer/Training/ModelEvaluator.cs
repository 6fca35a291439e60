using Microsoft.ML;

namespace MlService.Trainer.Training;

/// <summary>Hold-out metrics per task, keyed by the names written to MLmodel (<c>mlservice.metrics</c>).</summary>
public static class ModelEvaluator
{
    public static Dictionary<string, double> Evaluate(MLContext ml, IDataView scored, string label, TrainTask task)
    {
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
        switch (task)
        {
            case TrainTask.Binary:
                try
                {
                    var binary = ml.BinaryClassification.Evaluate(scored, label);
                    metrics["auc"] = binary.AreaUnderRocCurve;
                    metrics["accuracy"] = binary.Accuracy;
                    metrics["f1"] = binary.F1Score;
                    metrics["log_loss"] = binary.LogLoss;
                }
                catch (ArgumentOutOfRangeException)
                {
                    // ML.NET refuses when the hold-out holds one class only (AUC undefined): no metrics then.
                }
                break;
            case TrainTask.Multiclass:
                var multi = ml.MulticlassClassification.Evaluate(scored, PipelineBuilder.LabelKey);
                metrics["macro_accuracy"] = multi.MacroAccuracy;
                metrics["micro_accuracy"] = multi.MicroAccuracy;
                metrics["log_loss"] = multi.LogLoss;
                break;
            default:
                var regression = ml.Regression.Evaluate(scored, label);
                metrics["rmse"] = regression.RootMeanSquaredError;
                metrics["r2"] = regression.RSquared;
                metrics["mae"] = regression.MeanAbsoluteError;
                break;
        }
        return metrics;
    }
}
