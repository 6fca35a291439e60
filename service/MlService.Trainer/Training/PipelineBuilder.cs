using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace MlService.Trainer.Training;

/// <summary>
/// Builds the ML.NET pipeline for a task: numbers and booleans (already Single) get missing values replaced by
/// the training mean, strings are one-hot encoded, all are concatenated into Features and min-max normalised,
/// then the trainer: L-BFGS logistic regression (binary, calibrated Probability), L-BFGS maximum entropy
/// (multiclass, label mapped to a key) or FastTree (regression). The multiclass key-to-value step that turns
/// PredictedLabel back into the original labels is <see cref="DecodeLabels"/>, appended after evaluation.
/// </summary>
public static class PipelineBuilder
{
    public const string Features = "Features";
    public const string LabelKey = "__LabelKey";

    public static IEstimator<ITransformer> Build(MLContext ml, IReadOnlyList<TrainingColumn> inputs, string label, TrainTask task)
    {
        var parts = new List<string>();
        IEstimator<ITransformer> pipeline = new EstimatorChain<ITransformer>();
        foreach (var column in inputs)
        {
            var part = $"__f{parts.Count}_{column.Name}";
            IEstimator<ITransformer> step = column.Type == ColumnType.String
                ? ml.Transforms.Categorical.OneHotEncoding(part, column.Name)
                : ml.Transforms.ReplaceMissingValues(part, column.Name, MissingValueReplacingEstimator.ReplacementMode.Mean);
            pipeline = pipeline.Append(step);
            parts.Add(part);
        }
        pipeline = pipeline
            .Append(ml.Transforms.Concatenate(Features, parts.ToArray()))
            .Append(ml.Transforms.NormalizeMinMax(Features));

        return task switch
        {
            TrainTask.Binary => pipeline.Append(ml.BinaryClassification.Trainers.LbfgsLogisticRegression(label, Features)),
            TrainTask.Multiclass => pipeline
                .Append(ml.Transforms.Conversion.MapValueToKey(LabelKey, label, keyOrdinality: ValueToKeyMappingEstimator.KeyOrdinality.ByValue))
                .Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(LabelKey, Features)),
            _ => pipeline.Append(ml.Regression.Trainers.FastTree(label, Features)),
        };
    }

    /// <summary>Multiclass only: maps the key-typed PredictedLabel back to the label's original values.</summary>
    public static IEstimator<ITransformer> DecodeLabels(MLContext ml) =>
        ml.Transforms.Conversion.MapKeyToValue("PredictedLabel");
}
