namespace MlService.LoadTest.Cli;

/// <summary>Validated settings of one load-test run (the command line after defaults and checks).</summary>
public sealed record LoadOptions
{
    public static readonly TimeSpan MaxDuration = TimeSpan.FromHours(1);

    public Uri Target { get; init; } = new("http://127.0.0.1:8080");
    public string Model { get; init; } = "heart-disease";
    public WireProtocol Protocol { get; init; } = WireProtocol.Native;

    /// <summary>gRPC protocols: the port on the target's host (same host, so the loopback guard covers it).</summary>
    public int GrpcPort { get; init; } = 8081;
    public LoadMode Mode { get; init; } = LoadMode.Closed;

    public double Rate { get; init; }
    public int Connections { get; init; } = 16;
    public int MaxInFlight { get; init; } = 1000;
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);
    public long? Requests { get; init; }
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    public int BatchSize { get; init; } = 1;
    public int Seed { get; init; } = 42;
    public string? RowsFile { get; init; }
    public int PoolSize { get; init; } = 256;

    public double StepStart { get; init; }
    public double StepIncrement { get; init; }
    public TimeSpan StepDuration { get; init; } = TimeSpan.FromSeconds(10);
    public double? StepMaxRate { get; init; }
    public double SloP99Ms { get; init; } = 50;
    public double SloMaxErrorRate { get; init; } = 0.001;

    public double? MaxP99Ms { get; init; }
    public double? MaxErrorRate { get; init; }

    public string? JsonOut { get; init; }
    public string? HtmlOut { get; init; }
    public bool AllowRemote { get; init; }
    public int NewConnectionEvery { get; init; }

    /// <summary>The HTTP client asked for; the raw one applies only to REST protocols over http:// (see <see cref="UsesRawClient"/>).</summary>
    public ClientKind Client { get; init; } = ClientKind.Raw;
    public bool Progress { get; init; } = true;

    /// <summary>Whether the run sends through the raw HTTP/1.1 client: asked for, a REST protocol, and a plain http:// target.</summary>
    public bool UsesRawClient => Client == ClientKind.Raw && Protocol is not (WireProtocol.Grpc or WireProtocol.GrpcTyped) && Target.Scheme == Uri.UriSchemeHttp;
}
