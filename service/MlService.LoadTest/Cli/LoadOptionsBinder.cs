using System.CommandLine;

namespace MlService.LoadTest.Cli;

/// <summary>Turns a parse result into <see cref="LoadOptions"/>, applying defaults and collecting every usage error.</summary>
public static class LoadOptionsBinder
{
    public static LoadOptions? Bind(CliOptions o, ParseResult parse, List<string> errors)
    {
        var targetText = parse.GetValue(o.Target)!;
        if (!Uri.TryCreate(targetText, UriKind.Absolute, out var target) || (target.Scheme != "http" && target.Scheme != "https"))
            errors.Add($"--target '{targetText}' is not an http(s) URL.");

        var rate = parse.GetValue(o.Rate);
        var stepStart = parse.GetValue(o.StepStart);
        var mode = parse.GetValue(o.Mode) switch
        {
            "open" => LoadMode.Open,
            "closed" => LoadMode.Closed,
            "step" => LoadMode.Step,
            _ when stepStart is not null => LoadMode.Step,
            _ when rate is not null => LoadMode.Open,
            _ => LoadMode.Closed,
        };
        // A run bounded by --requests alone, or a step run, is still capped at the one-hour maximum.
        var duration = parse.GetValue(o.Duration)
            ?? (mode == LoadMode.Step || parse.GetValue(o.Requests) is not null ? LoadOptions.MaxDuration : TimeSpan.FromSeconds(10));

        var options = new LoadOptions
        {
            Target = target ?? new Uri("http://127.0.0.1"),
            Model = parse.GetValue(o.Model)!,
            Protocol = Enum.Parse<WireProtocol>(parse.GetValue(o.Protocol)!.Replace("-", ""), ignoreCase: true),
            GrpcPort = parse.GetValue(o.GrpcPort) ?? 8081,
            Mode = mode,
            Rate = rate ?? 0,
            Connections = parse.GetValue(o.Connections) ?? 16,
            MaxInFlight = parse.GetValue(o.MaxInFlight) ?? 1000,
            Duration = duration,
            Requests = parse.GetValue(o.Requests),
            Timeout = parse.GetValue(o.Timeout) ?? TimeSpan.FromSeconds(10),
            BatchSize = parse.GetValue(o.BatchSize) ?? 1,
            Seed = parse.GetValue(o.Seed) ?? 42,
            RowsFile = parse.GetValue(o.RowsFile),
            PoolSize = parse.GetValue(o.PoolSize) ?? 256,
            StepStart = stepStart ?? 0,
            StepIncrement = parse.GetValue(o.StepIncrement) ?? 0,
            StepDuration = parse.GetValue(o.StepDuration) ?? TimeSpan.FromSeconds(10),
            StepMaxRate = parse.GetValue(o.StepMaxRate),
            SloP99Ms = parse.GetValue(o.SloP99Ms) ?? 50,
            SloMaxErrorRate = parse.GetValue(o.SloMaxErrorRate) ?? 0.001,
            MaxP99Ms = parse.GetValue(o.MaxP99),
            MaxErrorRate = parse.GetValue(o.MaxErrorRate),
            JsonOut = parse.GetValue(o.JsonOut),
            HtmlOut = parse.GetValue(o.HtmlOut),
            AllowRemote = parse.GetValue(o.AllowRemote),
            NewConnectionEvery = parse.GetValue(o.NewConnectionEvery) ?? 0,
            Client = parse.GetValue(o.Client) == "httpclient" ? ClientKind.HttpClient : ClientKind.Raw,
            Progress = !parse.GetValue(o.NoProgress),
        };
        if (mode == LoadMode.Closed && rate is not null) errors.Add("--rate sets an open loop; it does not go with --mode closed.");
        Validate(options, errors);
        return errors.Count == 0 ? options : null;
    }

    private static void Validate(LoadOptions o, List<string> errors)
    {
        if (o.Mode == LoadMode.Open && !(o.Rate > 0)) errors.Add("open loop needs --rate > 0 (requests per second).");
        if (o.Mode == LoadMode.Step && !(o.StepStart > 0 && o.StepIncrement > 0))
            errors.Add("step mode needs --step-start > 0 and --step-increment > 0.");
        if (o.Mode == LoadMode.Step && o.StepDuration <= TimeSpan.Zero) errors.Add("--step-duration must be positive.");
        if (o.Connections < 1) errors.Add("--connections must be at least 1.");
        if (o.MaxInFlight < 1) errors.Add("--max-in-flight must be at least 1.");
        if (o.Duration <= TimeSpan.Zero || o.Duration > LoadOptions.MaxDuration) errors.Add("--duration must be between 0 and 1h.");
        if (o.Requests is < 1) errors.Add("--requests must be at least 1.");
        if (o.Timeout <= TimeSpan.Zero) errors.Add("--timeout must be positive.");
        if (o.BatchSize < 1) errors.Add("--batch-size must be at least 1.");
        if (o.PoolSize < 1) errors.Add("--pool-size must be at least 1.");
        if (o.NewConnectionEvery < 0) errors.Add("--new-connection-every must be 0 (off) or positive.");
        if (o.SloP99Ms <= 0) errors.Add("--slo-p99-ms must be positive.");
        if (o.SloMaxErrorRate is < 0 or > 1) errors.Add("--slo-max-error-rate is a fraction between 0 and 1.");
        if (o.MaxP99Ms is <= 0) errors.Add("--max-p99 must be positive (milliseconds).");
        if (o.MaxErrorRate is < 0 or > 1) errors.Add("--max-error-rate is a fraction between 0 and 1.");
        if (o.RowsFile is not null && !File.Exists(o.RowsFile)) errors.Add($"--rows-file '{o.RowsFile}' does not exist.");
    }
}
