namespace MlService.LoadTest.Reports;

/// <summary>One line saying what was run, shared by the text summary and the HTML report.</summary>
public static class RunDescription
{
    public static string Of(LoadOptions o, string? modelVersion)
    {
        var mode = o.Mode switch
        {
            LoadMode.Open => string.Create(CultureInfo.InvariantCulture, $"open loop at {o.Rate} req/s (max {o.MaxInFlight} in flight)"),
            LoadMode.Closed => $"closed loop with {o.Connections} clients",
            _ => string.Create(CultureInfo.InvariantCulture, $"step mode from {o.StepStart} req/s by {o.StepIncrement} every {o.StepDuration.TotalSeconds} s"),
        };
        var version = modelVersion is null ? "" : $" version {modelVersion}";
        var batch = o.BatchSize == 1 ? "single rows" : $"batches of {o.BatchSize}";
        var client = o.UsesRawClient ? "raw HTTP/1.1 client" : "HttpClient";
        return $"{mode}, {o.Protocol.ToString().ToLowerInvariant()} protocol, {batch}, model {o.Model}{version} at {o.Target}, {client}";
    }
}
