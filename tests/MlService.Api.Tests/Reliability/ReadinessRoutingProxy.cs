namespace MlService.Api.Tests.Reliability;

/// <summary>
/// A round-robin reverse proxy on 127.0.0.1 that, like a Kubernetes Service, sends requests only to backends
/// whose <c>/readyz</c> answered 200 at the last poll (every 50 ms). No retries: a failed forward is a 502 the
/// client sees, so a test counting failures counts every one.
/// </summary>
public sealed class ReadinessRoutingProxy : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Uri[] _backends;
    private readonly bool[] _ready;
    private readonly long[] _served;
    private readonly HttpClient _forward = new(new SocketsHttpHandler { PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30) }) { Timeout = TimeSpan.FromSeconds(30) };
    private readonly HttpClient _probe = new() { Timeout = TimeSpan.FromSeconds(1) };
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _poller;
    private int _next;

    private ReadinessRoutingProxy(WebApplication app, Uri[] backends)
    {
        _app = app;
        _backends = backends;
        _ready = new bool[backends.Length];
        _served = new long[backends.Length];
        _poller = Task.Run(PollAsync);
    }

    /// <summary>Says why the proxy answered 502 itself.</summary>
    public const string ErrorHeader = "X-Proxy-Error";

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Every readiness change seen, in order: (backend index, ready, when).</summary>
    public ConcurrentQueue<(int Backend, bool Ready, DateTimeOffset At)> ReadinessChanges { get; } = new();

    public bool IsReady(int backend) => Volatile.Read(ref _ready[backend]);

    public long Served(int backend) => Interlocked.Read(ref _served[backend]);

    public static async Task<ReadinessRoutingProxy> StartAsync(params Uri[] backends)
    {
        var app = LoopbackWebApp.Create();
        var proxy = new ReadinessRoutingProxy(app, backends);
        app.Run(proxy.ForwardAsync);
        proxy.BaseAddress = await app.StartListeningAsync();
        return proxy;
    }

    private async Task ForwardAsync(HttpContext context)
    {
        var backend = Pick();
        if (backend < 0)
        {
            context.Response.StatusCode = StatusCodes.Status502BadGateway;
            context.Response.Headers[ErrorHeader] = "no ready backend";
            return;
        }
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), new Uri(_backends[backend], context.Request.Path + context.Request.QueryString));
        if (body.Length > 0 || context.Request.ContentType is not null)
        {
            request.Content = new ByteArrayContent(body.ToArray());
            if (context.Request.ContentType is { } type) request.Content.Headers.TryAddWithoutValidation("Content-Type", type);
        }
        try
        {
            using var response = await _forward.SendAsync(request);
            var bytes = await response.Content.ReadAsByteArrayAsync();
            Interlocked.Increment(ref _served[backend]);
            context.Response.StatusCode = (int)response.StatusCode;
            if (response.Content.Headers.ContentType is { } contentType) context.Response.ContentType = contentType.ToString();
            await context.Response.Body.WriteAsync(bytes);
        }
        catch (HttpRequestException e)
        {
            context.Response.StatusCode = StatusCodes.Status502BadGateway;
            context.Response.Headers[ErrorHeader] = $"backend {backend}: {e.Message.ReplaceLineEndings(" ")}";
        }
    }

    private int Pick()
    {
        var start = (uint)Interlocked.Increment(ref _next);
        for (var offset = 0u; offset < _backends.Length; offset++)
        {
            var candidate = (int)((start + offset) % (uint)_backends.Length);
            if (IsReady(candidate)) return candidate;
        }
        return -1;
    }

    private async Task PollAsync()
    {
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        do
        {
            for (var i = 0; i < _backends.Length; i++)
            {
                bool ready;
                try
                {
                    using var response = await _probe.GetAsync(new Uri(_backends[i], "/readyz"), _stop.Token);
                    ready = response.IsSuccessStatusCode;
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    ready = false;
                }
                if (ready != IsReady(i)) ReadinessChanges.Enqueue((i, ready, DateTimeOffset.UtcNow));
                Volatile.Write(ref _ready[i], ready);
            }
        }
        while (!_stop.IsCancellationRequested && await WaitAsync(tick));
    }

    private async Task<bool> WaitAsync(PeriodicTimer tick)
    {
        try { return await tick.WaitForNextTickAsync(_stop.Token); }
        catch (OperationCanceledException) { return false; }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _poller;
        await _app.DisposeAsync();
        _forward.Dispose();
        _probe.Dispose();
        _stop.Dispose();
    }
}
