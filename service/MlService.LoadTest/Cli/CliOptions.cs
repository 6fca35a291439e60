using System.CommandLine;
using System.CommandLine.Parsing;

namespace MlService.LoadTest.Cli;

/// <summary>
/// The command-line options. Most are nullable without a parser default so the binder can tell "not given"
/// from a value (the mode and the duration default depend on what was given).
/// </summary>
public sealed class CliOptions
{
    public Option<string> Target { get; } = new("--target") { Description = "Base URL of the service.", DefaultValueFactory = _ => "http://127.0.0.1:8080" };
    public Option<string> Model { get; } = new("--model") { Description = "Model name whose signature shapes the rows.", DefaultValueFactory = _ => "heart-disease" };
    public Option<string> Protocol { get; } = Choice("--protocol", "Wire protocol: native, mlflow, v2, grpc (Open Inference Protocol over gRPC, raw tensors) or grpc-typed (typed contents).", "native", "native", "mlflow", "v2", "grpc", "grpc-typed");
    public Option<int?> GrpcPort { get; } = new("--grpc-port") { Description = "--protocol grpc: the gRPC port on the target's host (default 8081); the signature is read from --target." };
    public Option<string> Mode { get; } = Choice("--mode", "open (fixed arrival rate), closed (N looping clients) or step (rising rate). Default: step if --step-start, open if --rate, else closed.", null, "open", "closed", "step");

    public Option<double?> Rate { get; } = new("--rate") { Description = "Open loop: requests per second, sent at their scheduled times." };
    public Option<int?> Connections { get; } = new("--connections", "-c") { Description = "Closed loop: concurrent clients, one connection each (default 16); with --client httpclient also its connection limit in every mode." };
    public Option<int?> MaxInFlight { get; } = new("--max-in-flight") { Description = "Open loop: requests allowed in flight; more are counted as errors (\"client overloaded\"). Default 1000." };
    public Option<TimeSpan?> Duration { get; } = Time("--duration", "Run time, e.g. 30s, 2m (default 10s; step mode: total cap, default 1h; at most 1h).");
    public Option<long?> Requests { get; } = new("--requests", "-n") { Description = "Stop after this many requests." };
    public Option<TimeSpan?> Timeout { get; } = Time("--timeout", "Per-request timeout (default 10s).");

    public Option<int?> BatchSize { get; } = new("--batch-size") { Description = "Rows per request: 1 sends one object, more send an array (default 1)." };
    public Option<int?> Seed { get; } = new("--seed") { Description = "Seed of the random rows (default 42): the same seed gives the same rows." };
    public Option<string?> RowsFile { get; } = new("--rows-file") { Description = "Rows to send instead of random ones: a JSON array of objects or a CSV file with a header." };
    public Option<int?> PoolSize { get; } = new("--pool-size") { Description = "Distinct request bodies generated before the run (default 256)." };

    public Option<double?> StepStart { get; } = new("--step-start") { Description = "Step mode: first rate (requests/s)." };
    public Option<double?> StepIncrement { get; } = new("--step-increment") { Description = "Step mode: rate added per step." };
    public Option<TimeSpan?> StepDuration { get; } = Time("--step-duration", "Step mode: length of each step (default 10s).");
    public Option<double?> StepMaxRate { get; } = new("--step-max-rate") { Description = "Step mode: stop after the step at this rate." };
    public Option<double?> SloP99Ms { get; } = new("--slo-p99-ms") { Description = "Step mode SLO: p99 latency limit in ms (default 50)." };
    public Option<double?> SloMaxErrorRate { get; } = new("--slo-max-error-rate") { Description = "Step mode SLO: error fraction limit (default 0.001)." };

    public Option<double?> MaxP99 { get; } = new("--max-p99") { Description = "Exit with code 2 when p99 latency exceeds this many ms." };
    public Option<double?> MaxErrorRate { get; } = new("--max-error-rate") { Description = "Exit with code 2 when the error fraction exceeds this (e.g. 0.01)." };

    public Option<string?> JsonOut { get; } = new("--json-out") { Description = "Write the machine-readable report here." };
    public Option<string?> HtmlOut { get; } = new("--html-out") { Description = "Write the self-contained HTML report here." };
    public Option<bool> AllowRemote { get; } = new("--allow-remote") { Description = "Allow a target outside the loopback range." };
    public Option<int?> NewConnectionEvery { get; } = new("--new-connection-every") { Description = "Close the connection after every N requests so a load balancer spreads new ones." };
    public Option<string> Client { get; } = Choice("--client", "raw (default: prebuilt HTTP/1.1 requests on pooled sockets, for the REST protocols over http://) or httpclient (.NET's HttpClient; gRPC and https:// always use it).", "raw", "raw", "httpclient");
    public Option<bool> NoProgress { get; } = new("--no-progress") { Description = "Do not print the per-second progress line." };

    public IEnumerable<Option> All() =>
    [
        Target, Model, Protocol, GrpcPort, Mode, Rate, Connections, MaxInFlight, Duration, Requests, Timeout,
        BatchSize, Seed, RowsFile, PoolSize,
        StepStart, StepIncrement, StepDuration, StepMaxRate, SloP99Ms, SloMaxErrorRate,
        MaxP99, MaxErrorRate, JsonOut, HtmlOut, AllowRemote, NewConnectionEvery, Client, NoProgress,
    ];

    private static Option<string> Choice(string name, string description, string? defaultValue, params string[] values)
    {
        var option = new Option<string>(name) { Description = description };
        if (defaultValue is not null) option.DefaultValueFactory = _ => defaultValue;
        option.AcceptOnlyFromAmong(values);
        return option;
    }

    private static Option<TimeSpan?> Time(string name, string description) => new(name)
    {
        Description = description,
        CustomParser = ParseDuration,
    };

    private static TimeSpan? ParseDuration(ArgumentResult result)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        if (DurationText.TryParse(text, out var duration)) return duration;
        result.AddError($"'{text}' is not a duration (examples: 500ms, 30s, 2m, 1h).");
        return null;
    }
}
