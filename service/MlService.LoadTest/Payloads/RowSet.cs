namespace MlService.LoadTest.Payloads;

/// <summary>
/// Rows to send: typed columns and one value array per row in column order. Values are bool, int, long,
/// float, double or string (null for a missing optional value).
/// </summary>
public sealed record RowSet(IReadOnlyList<FieldSpec> Columns, IReadOnlyList<object?[]> Rows);
