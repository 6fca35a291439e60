namespace MlService.Core.Signatures;

/// <summary>
/// One input or output of a model: a named column (Shape is null) or a tensor (Shape holds the dimensions,
/// -1 for a variable one; the first dimension is the batch).
/// </summary>
public sealed record FieldSpec(string Name, DataKind Kind, bool Required = true, IReadOnlyList<long>? Shape = null)
{
    public bool IsTensor => Shape is not null;

    /// <summary>Elements per row: 1 for a column, the product of the non-batch dimensions for a tensor.</summary>
    public int RowWidth
    {
        get
        {
            if (Shape is null || Shape.Count <= 1) return 1;
            long width = 1;
            for (var i = 1; i < Shape.Count; i++) width *= Math.Max(1, Shape[i]);
            return checked((int)width);
        }
    }
}
