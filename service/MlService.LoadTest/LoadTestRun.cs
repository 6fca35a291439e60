using MlService.LoadTest.Bodies;
using MlService.LoadTest.Http1;
using MlService.LoadTest.Payloads;
using MlService.LoadTest.Reports;
using MlService.LoadTest.Running;
using MlService.LoadTest.Safety;

namespace MlService.LoadTest;

/// <summary>
/// One run from options to exit code: safety check, signature, request bodies, the load itself, summary,
/// reports and the SLO verdict. Exit codes: 0 ok, 1 usage or setup error, 2 SLO broken.
/// </summary>
public sealed class LoadTestRun(LoadOptions options, TextWriter output, TextWriter error, LoopbackGuard guard)
{
    public const int SetupError = 1;

    public async Task<int> ExecuteAsync(CancellationToken interrupt)
    {
        if (options.UsesRawClient) InlineSocketCompletions.Enable();
        var refusal = await guard.CheckAsync(options.Target, options.AllowRemote, interrupt);
        if (refusal is not null) return Fail(refusal);

        using var client = LoadHttpClient.Create(options);
        var target = options.Target.AbsoluteUri.EndsWith('/') ? options.Target : new Uri(options.Target.AbsoluteUri + "/");
        var model = await ReadModelAsync(client, target, interrupt);
        if (model is null && options.RowsFile is null) return SetupError;

        BodyPool bodies;
        IBodyBuilder builder = BodyBuilders.For(options.Protocol, options.Model);
        try { bodies = BodyPool.Build(LoadRows(model), builder, options.BatchSize, PoolSize()); }
        catch (Exception e) when (e is FormatException or InvalidOperationException or JsonException or IOException)
        {
            return Fail($"cannot prepare request bodies: {e.Message}");
        }

        var stats = new RunStats();
        var timeline = new Timeline();
        var inFlight = new InFlightTracker(options.Mode == LoadMode.Closed ? int.MaxValue : options.MaxInFlight);
        var grpc = options.Protocol is WireProtocol.Grpc or WireProtocol.GrpcTyped;
        var baseUri = grpc ? new UriBuilder(target) { Port = options.GrpcPort }.Uri : target;
        var url = new Uri(baseUri, builder.RelativePath(options.Model));
        using var pool = options.UsesRawClient ? new Http1ConnectionPool(url.IdnHost, url.Port, options.AllowRemote) : null;
        IRequestSender sender = pool is null
            ? new RequestSender(client, url, bodies, stats, options.Timeout, options.NewConnectionEvery, grpc)
            : new Http1RequestSender(new Http1RequestSet(url, "application/json", bodies.Bodies, closeVariants: options.NewConnectionEvery > 0), pool, stats, options.Timeout, options.NewConnectionEvery);
        var progress = new ProgressReporter(stats, timeline, inFlight, options.Progress ? error : null);
        var startedAt = DateTimeOffset.UtcNow;
        var cpuBefore = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;

        using var runOver = new CancellationTokenSource();
        var ticking = progress.RunAsync(runOver.Token);
        StepOutcome? steps = null;
        var openLoop = new OpenLoopRunner(sender, stats, inFlight);
        switch (options.Mode)
        {
            case LoadMode.Open:
                await openLoop.RunAsync(options.Rate, options.Duration, options.Requests, interrupt);
                break;
            case LoadMode.Closed:
                await new ClosedLoopRunner(sender, inFlight).RunAsync(options.Connections, options.Duration, options.Requests, interrupt);
                break;
            case LoadMode.Step:
                steps = await new StepRunner(openLoop, stats, options.Progress ? error : null).RunAsync(options, interrupt);
                break;
        }
        await runOver.CancelAsync();
        await ticking;
        progress.Finish();
        if (interrupt.IsCancellationRequested) await error.WriteLineAsync("interrupted: stopped sending, in-flight requests abandoned.");

        var cpu = (System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
        var report = LoadReport.Create(options, model?.Version, startedAt, progress.Elapsed.TotalSeconds, stats, timeline, steps) with
        {
            Client = new ClientUsage(Math.Round(cpu, 3), Math.Round(cpu / Math.Max(progress.Elapsed.TotalSeconds, 1e-6), 3),
                options.Mode == LoadMode.Closed ? null : openLoop.SchedulerLateness),
        };
        SummaryText.Write(report, output);
        if (options.JsonOut is { } jsonPath) JsonReport.Write(report, jsonPath);
        if (options.HtmlOut is { } htmlPath) HtmlReport.Write(report, htmlPath);
        return report.Slo.ExitCode;
    }

    private async Task<ModelInfo?> ReadModelAsync(HttpClient client, Uri target, CancellationToken interrupt)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(interrupt);
            timeout.CancelAfter(options.Timeout);
            return await new SignatureReader(client).ReadAsync(target, options.Model, timeout.Token);
        }
        catch (Exception e) when (e is HttpRequestException or InvalidOperationException or FormatException or JsonException or OperationCanceledException)
        {
            var message = $"cannot read the signature of model '{options.Model}' from {target}: {e.Message}";
            if (options.RowsFile is null) Fail(message);
            else error.WriteLine($"warning: {message}; column types are inferred from --rows-file.");
            return null;
        }
    }

    private RowSet LoadRows(ModelInfo? model) => options.RowsFile is { } path
        ? RowsFileReader.Read(path, model?.Inputs ?? [])
        : new RowGenerator(model!.Inputs, model.InputExample, options.Seed).Generate(PoolSize() * options.BatchSize);

    /// <summary>Caps the pool at about 200k rows so huge batches do not exhaust memory before the run.</summary>
    private int PoolSize() => Math.Max(1, Math.Min(options.PoolSize, 200_000 / options.BatchSize));

    private int Fail(string message)
    {
        error.WriteLine($"error: {message}");
        return SetupError;
    }
}
