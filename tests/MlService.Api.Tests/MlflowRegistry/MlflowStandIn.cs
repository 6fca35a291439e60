namespace MlService.Api.Tests.MlflowRegistry;

/// <summary>
/// A STAND-IN for an MLflow tracking server, used only in tests (MLflow itself cannot be installed here: no PyPI).
/// It answers the REST 2.0 endpoints the service and the trainer call, written from MLflow's published REST API
/// reference (docs/api_reference/source/rest-api.rst, mlflow/server/handlers.py): the same paths, field names,
/// status codes and <c>{"error_code", "message"}</c> bodies, and the artifacts proxy
/// <c>/api/2.0/mlflow-artifacts/artifacts/...</c> of a server started with <c>--serve-artifacts</c>. Optional auth:
/// a bearer token or basic credentials (401 without, 403 with wrong ones). Test hooks: stop, start again on the
/// same port with the same contents, move an alias.
/// </summary>
public sealed class MlflowStandIn : IAsyncDisposable
{
    private WebApplication? _app;
    private int _port;

    public MlflowStandInState State { get; } = new();

    /// <summary>When set, every request needs <c>Authorization: Bearer &lt;token&gt;</c>.</summary>
    public string? Token { get; init; }

    /// <summary>When set, every request needs these basic credentials.</summary>
    public (string User, string Password)? Basic { get; init; }

    /// <summary>Requests seen (method and path), for tests that check what the client asked.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> Requests { get; } = new();

    public Uri BaseAddress => new($"http://127.0.0.1:{_port}");

    /// <summary>The value of <c>MLFLOW_TRACKING_URI</c> for this server.</summary>
    public string TrackingUri => BaseAddress.ToString().TrimEnd('/');

    public static async Task<MlflowStandIn> StartAsync(string? token = null, (string, string)? basic = null)
    {
        var standIn = new MlflowStandIn { Token = token, Basic = basic };
        await standIn.StartAgainAsync();
        return standIn;
    }

    /// <summary>Starts (again) on 127.0.0.1, on the port of the first start, with the same contents.</summary>
    public async Task StartAgainAsync()
    {
        if (_app is not null) return;
        var app = LoopbackWebApp.Create(_port);
        app.Use(async (context, next) =>
        {
            Requests.Enqueue($"{context.Request.Method} {context.Request.Path}");
            if (Refusal(context.Request) is { } status)
            {
                context.Response.StatusCode = (int)status;
                if (status == HttpStatusCode.Unauthorized) context.Response.Headers.WWWAuthenticate = "Basic realm=\"mlflow\"";
                await context.Response.WriteAsync(status == HttpStatusCode.Unauthorized
                    ? "You are not authenticated. Please see https://www.mlflow.org/docs/latest/auth/index.html#authenticating-to-mlflow on how to authenticate."
                    : "Permission denied");
                return;
            }
            await next(context);
        });
        MlflowStandInRoutes.Map(app, State);
        _port = (await app.StartListeningAsync()).Port;
        _app = app;
    }

    /// <summary>Stops listening (connections are refused) but keeps the contents for <see cref="StartAgainAsync"/>.</summary>
    public async Task StopAsync()
    {
        if (_app is null) return;
        await _app.StopAsync();
        await _app.DisposeAsync();
        _app = null;
    }

    /// <summary>Points an alias at a version, as <c>POST registered-models/alias</c> would.</summary>
    public void MoveAlias(string model, string alias, string version) =>
        State.Locked(() => State.Model(model)!.Aliases[alias] = version);

    private HttpStatusCode? Refusal(HttpRequest request)
    {
        if (Token is null && Basic is null) return null;
        var header = request.Headers.Authorization.ToString();
        if (header.Length == 0) return HttpStatusCode.Unauthorized;
        if (Token is not null && header == $"Bearer {Token}") return null;
        if (Basic is { } basic && header == "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{basic.User}:{basic.Password}"))) return null;
        return HttpStatusCode.Forbidden;
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}
