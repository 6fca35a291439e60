namespace MlService.Trainer.Data;

/// <summary>
/// Infers a column's type from its non-missing cells: long if every one is an integer, double if every one is
/// a number, boolean if every one is true/false (any case), else string. A column with no values is string.
/// </summary>
public static class ColumnTypeInference
{
    public static ColumnType Infer(IEnumerable<string?> cells)
    {
        bool allLong = true, allDouble = true, allBool = true, any = false;
        foreach (var cell in cells)
        {
            if (cell is null) continue;
            any = true;
            if (allLong && !TryLong(cell, out _)) allLong = false;
            if (allDouble && !TryDouble(cell, out _)) allDouble = false;
            if (allBool && !TryBool(cell, out _)) allBool = false;
            if (!allLong && !allDouble && !allBool) return ColumnType.String;
        }
        if (!any) return ColumnType.String;
        if (allLong) return ColumnType.Long;
        if (allDouble) return ColumnType.Double;
        return allBool ? ColumnType.Boolean : ColumnType.String;
    }

    public static bool TryLong(string cell, out long value) =>
        long.TryParse(cell, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    /// <summary>A finite number in invariant culture ("NaN"/"Infinity" are not numbers here).</summary>
    public static bool TryDouble(string cell, out double value) =>
        double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    public static bool TryBool(string cell, out bool value) => bool.TryParse(cell, out value);
}
