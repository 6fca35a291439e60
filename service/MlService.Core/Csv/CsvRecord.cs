namespace MlService.Core.Csv;

/// <summary>One CSV record: the line it starts on (1-based, for error messages) and its cells, unquoted and untrimmed.</summary>
public readonly record struct CsvRecord(int Line, string[] Cells);
