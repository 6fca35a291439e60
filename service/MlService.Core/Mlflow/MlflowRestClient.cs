using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MlService.Core.Stores;

namespace MlService.Core.Mlflow;

/// <summary>
/// Calls one MLflow tracking server: REST 2.0 JSON endpoints and the artifacts proxy, with MLflow's auth (bearer
/// token, or basic credentials). Failures to reach or be let in (connection refused, timeout, 5xx, 401, 403) are
/// <see cref="StoreUnavailableException"/>, like an S3 outage: loaded models keep serving and loading is retried.
/// An MLflow error body becomes <see cref="MlflowApiException"/>. Thread-safe (one shared HttpClient).
/// </summary>
public sealed class MlflowRestClient : IDisposable
{
    private readonly HttpClient _http;

    public MlflowRestClient(MlflowSettings settings, HttpMessageHandler? handler = null)
    {
        if (settings.Problem() is { } problem) throw new FormatException($"MLFLOW_TRACKING_URI: {problem}");
        if (!settings.IsConfigured) throw new InvalidOperationException("no MLflow tracking server is configured (MLFLOW_TRACKING_URI)");
        TrackingUri = settings.TrackingUri!.Trim().TrimEnd('/');
        handler ??= new SocketsHttpHandler
        {
            ConnectTimeout = TimeSpan.FromSeconds(Math.Min(10, settings.RequestTimeoutSeconds)),
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            SslOptions = settings.IgnoreTls ? new System.Net.Security.SslClientAuthenticationOptions { RemoteCertificateValidationCallback = (_, _, _, _) => true } : new(),
        };
        _http = new HttpClient(handler) { BaseAddress = new Uri(TrackingUri + "/"), Timeout = TimeSpan.FromSeconds(settings.RequestTimeoutSeconds) };
        if (!string.IsNullOrEmpty(settings.Token))
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", settings.Token);
        else if (!string.IsNullOrEmpty(settings.Username))
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes($"{settings.Username}:{settings.Password}")));
    }

    /// <summary>The server's address without a trailing slash (never credentials).</summary>
    public string TrackingUri { get; }

    /// <summary>GET <c>/api/2.0/mlflow/{endpoint}</c> with query parameters.</summary>
    public Task<JsonObject> GetAsync(string endpoint, IReadOnlyDictionary<string, string> query, CancellationToken ct) =>
        SendJsonAsync(HttpMethod.Get, $"api/2.0/mlflow/{endpoint}?" + string.Join("&", query.Select(q => $"{q.Key}={Uri.EscapeDataString(q.Value)}")), null, ct);

    /// <summary>POST (or DELETE) <c>/api/2.0/mlflow/{endpoint}</c> with a JSON body.</summary>
    public Task<JsonObject> PostAsync(string endpoint, JsonObject body, CancellationToken ct, HttpMethod? method = null) =>
        SendJsonAsync(method ?? HttpMethod.Post, $"api/2.0/mlflow/{endpoint}", body, ct);

    /// <summary>Sends a request to any path of the server (the artifacts proxy) and returns the successful response; the caller disposes it.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct, HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead)
    {
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, completion, ct);
        }
        catch (HttpRequestException e)
        {
            throw new StoreUnavailableException($"MLflow tracking server {TrackingUri} is unreachable: {e.Message}", e);
        }
        catch (TaskCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw new StoreUnavailableException($"MLflow tracking server {TrackingUri} did not answer {request.RequestUri} within {_http.Timeout.TotalSeconds:F0} s", e);
        }
        if (response.IsSuccessStatusCode) return response;
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(ct);
            var status = (int)response.StatusCode;
            var what = $"MLflow tracking server {TrackingUri} answered {request.Method} /{request.RequestUri?.OriginalString.Split('?')[0]} with {status} {response.StatusCode}";
            switch (response.StatusCode)
            {
                case HttpStatusCode.Unauthorized:
                    throw new StoreUnavailableException($"{what}: not authenticated; set MLFLOW_TRACKING_TOKEN, or MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD");
                case HttpStatusCode.Forbidden:
                    throw new StoreUnavailableException($"{what}: the configured MLflow credentials are refused or lack the permission");
            }
            if (ErrorBody(text) is { } error) throw new MlflowApiException(status, error.Code, error.Message);
            if (status >= 500 || status == 429) throw new StoreUnavailableException($"{what}: {Shorten(text)}");
            throw new MlflowApiException(status, "HTTP_" + status.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{what}: {Shorten(text)}");
        }
    }

    private async Task<JsonObject> SendJsonAsync(HttpMethod method, string path, JsonObject? body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await SendAsync(request, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        try
        {
            return text.Length == 0 ? [] : JsonNode.Parse(text) as JsonObject ?? throw new JsonException("not a JSON object");
        }
        catch (JsonException e)
        {
            throw new StoreUnavailableException($"MLflow tracking server {TrackingUri} answered {method} /{path.Split('?')[0]} with something that is not MLflow's JSON: {Shorten(text)}", e);
        }
    }

    private static (string Code, string Message)? ErrorBody(string text)
    {
        try
        {
            return JsonNode.Parse(text) is JsonObject { } json && json["error_code"]?.GetValue<string>() is { } code
                ? (code, json["message"]?.GetValue<string>() ?? "")
                : null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    private static string Shorten(string text) => text.Length <= 200 ? text.Trim() : text[..200].Trim() + "...";

    public void Dispose() => _http.Dispose();
}
