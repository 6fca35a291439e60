namespace MlService.Trainer.Tests.Data;

public sealed class ColumnTypeInferenceTests
{
    [Theory]
    [InlineData("1|2|-3", ColumnType.Long)]
    [InlineData("1|2.5|3", ColumnType.Double)]
    [InlineData("63.0|41.0", ColumnType.Double)]
    [InlineData("1e3|2", ColumnType.Double)]
    [InlineData("true|False|TRUE", ColumnType.Boolean)]
    [InlineData("true|0", ColumnType.String)]
    [InlineData("male|female", ColumnType.String)]
    [InlineData("1|two", ColumnType.String)]
    [InlineData("NaN|1", ColumnType.String)]
    [InlineData("1|<null>|3", ColumnType.Long)]
    [InlineData("<null>|<null>", ColumnType.String)]
    public void InfersTheNarrowestTypeThatHoldsEveryPresentCell(string cells, ColumnType expected)
    {
        var values = cells.Split('|').Select(c => c == "<null>" ? null : c);

        Assert.Equal(expected, ColumnTypeInference.Infer(values));
    }

    [Theory]
    [InlineData(ColumnType.Boolean, "true|false", TrainTask.Binary)]
    [InlineData(ColumnType.Long, "0|1|1|0", TrainTask.Binary)]
    [InlineData(ColumnType.String, "yes|no", TrainTask.Binary)]
    [InlineData(ColumnType.String, "setosa|versicolor|virginica", TrainTask.Multiclass)]
    [InlineData(ColumnType.Long, "0|1|2|3|4", TrainTask.Multiclass)]
    [InlineData(ColumnType.Long, "1|2|3|4|5|6|7|8|9|10|11|12", TrainTask.Regression)]
    [InlineData(ColumnType.Double, "1.5|2.5|3.25", TrainTask.Regression)]
    public void InfersTheTaskFromTheLabel(ColumnType type, string labels, TrainTask expected)
    {
        Assert.Equal(expected, TaskInference.Infer(type, labels.Split('|')));
    }
}
