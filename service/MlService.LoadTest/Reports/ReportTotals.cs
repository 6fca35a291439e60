namespace MlService.LoadTest.Reports;

/// <summary>Run totals; rates are per second of the whole run, ErrorRate is errors / requests.</summary>
public sealed record ReportTotals(
    long Requests, long Successes, long Errors, long Abandoned, long Rows,
    double RequestsPerSecond, double RowsPerSecond, double ErrorRate);
