namespace MlService.Api.Tests.Reliability;

/// <summary>Reads one sample from the Prometheus text exposition (0 when the series does not exist yet).</summary>
public static class PrometheusText
{
    public static async Task<double> SampleAsync(HttpClient client, string series)
    {
        var text = await client.GetStringAsync("/metrics");
        var line = text.Split('\n').FirstOrDefault(l => l.StartsWith(series + " ", StringComparison.Ordinal));
        return line is null ? 0 : double.Parse(line[(series.Length + 1)..].Trim(), CultureInfo.InvariantCulture);
    }

    public static Task<double> RejectedAsync(HttpClient client, int status) =>
        SampleAsync(client, $"mlservice_rejected_requests_total{{status=\"{status}\"}}");
}
