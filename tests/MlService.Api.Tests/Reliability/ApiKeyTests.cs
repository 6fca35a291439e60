namespace MlService.Api.Tests.Reliability;

/// <summary>MlService:Auth: who may call what, and how a refusal looks (RFC 9110 401 vs 403, RFC 6750 challenge).</summary>
[Collection(TrainedModelsCollection.Name)]
public sealed class ApiKeyTests(TrainedModels models) : IAsyncLifetime
{
    public const string UserKey = "user-key-0123456789abcdef";
    public const string SecondUserKey = "user-key-second-9876543210";
    public const string AdminKey = "admin-key-0123456789abcdef";

    public static Dictionary<string, string?> AuthOn(bool protectMetrics = false) => new()
    {
        ["MlService:Auth:Enabled"] = "true",
        ["MlService:Auth:ApiKeys:0"] = UserKey,
        ["MlService:Auth:ApiKeys:1"] = SecondUserKey,
        ["MlService:Auth:AdminApiKeys:0"] = AdminKey,
        ["MlService:Auth:ProtectMetrics"] = protectMetrics ? "true" : "false",
    };

    private readonly ServiceFactory _factory = new(models, AuthOn());
    private HttpClient _client = null!;

    public async Task InitializeAsync() => _client = await _factory.ReadyClientAsync();

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? header = null, string? value = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (method == HttpMethod.Post) request.Content = Json.Body(TrainedModels.HeartRow());
        if (header is not null) request.Headers.TryAddWithoutValidation(header, value);
        return await _client.SendAsync(request);
    }

    [Theory]
    [InlineData("Authorization", "Bearer " + UserKey)]
    [InlineData("Authorization", "bearer " + SecondUserKey)]
    [InlineData("X-API-Key", UserKey)]
    [InlineData("X-API-Key", AdminKey)]
    public async Task AValidKeyInEitherHeaderOpensPredictionsAndModelEndpoints(string header, string value)
    {
        using var predict = await SendAsync(HttpMethod.Post, "/predict", header, value);
        using var named = await SendAsync(HttpMethod.Post, "/models/mixed/predict", header, value);
        using var list = await SendAsync(HttpMethod.Get, "/models", header, value);
        using var details = await SendAsync(HttpMethod.Get, "/models/heart-disease", header, value);

        Assert.Equal(HttpStatusCode.OK, predict.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, named.StatusCode); // authorised; a heart row does not fit "mixed"
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal(HttpStatusCode.OK, details.StatusCode);
    }

    [Theory]
    [InlineData("POST", "/predict")]
    [InlineData("POST", "/models/heart-disease/predict")]
    [InlineData("GET", "/models")]
    [InlineData("GET", "/models/heart-disease")]
    [InlineData("GET", "/openapi.json")]
    [InlineData("GET", "/no/such/route")]
    public async Task NoKeyIsA401WithABearerChallenge(string method, string path)
    {
        using var response = await SendAsync(new HttpMethod(method), path);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer realm=\"mlservice\"", response.Headers.WwwAuthenticate.ToString());
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(401, (int)(await response.ReadAsync())["status"]!);
    }

    [Theory]
    [InlineData("X-API-Key", "wrong-key-that-is-long-enough-42")]
    [InlineData("Authorization", "Bearer wrong-key-that-is-long-enough-42")]
    [InlineData("X-API-Key", "user-key-0123456789abcdeF")]
    public async Task AnInvalidKeyIsA401ThatNeverEchoesTheKey(string header, string value)
    {
        var before = await PrometheusText.RejectedAsync(_client, 401);

        using var response = await SendAsync(HttpMethod.Post, "/predict", header, value);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("error=\"invalid_token\"", response.Headers.WwwAuthenticate.ToString());
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(value.Replace("Bearer ", ""), body);
        Assert.DoesNotContain(value.Replace("Bearer ", ""), string.Join("\n", response.Headers.Select(h => string.Join(",", h.Value))));
        Assert.Equal(1, await PrometheusText.RejectedAsync(_client, 401) - before);
    }

    [Fact]
    public async Task ReloadNeedsAnAdminKey()
    {
        using var none = await SendAsync(HttpMethod.Post, "/models/heart-disease/reload");
        using var user = await SendAsync(HttpMethod.Post, "/models/heart-disease/reload", "X-API-Key", UserKey);
        using var admin = await SendAsync(HttpMethod.Post, "/models/heart-disease/reload", "Authorization", "Bearer " + AdminKey);

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, user.StatusCode);
        Assert.Equal("application/problem+json", user.Content.Headers.ContentType?.MediaType);
        Assert.Empty(user.Headers.WwwAuthenticate);
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
    }

    [Theory]
    [InlineData("/v2/repository/models/heart-disease/unload")]
    [InlineData("/v2/repository/models/heart-disease/load")]
    public async Task ModelRepositoryLoadAndUnloadNeedAnAdminKey(string path)
    {
        using var none = await SendAsync(HttpMethod.Post, path);
        using var user = await SendAsync(HttpMethod.Post, path, "X-API-Key", UserKey);

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, user.StatusCode);
        Assert.Equal("application/problem+json", user.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    [InlineData("/health/startup")]
    [InlineData("/livez")]
    [InlineData("/readyz")]
    [InlineData("/metrics")]
    public async Task ProbesAndMetricsStayOpen(string path)
    {
        using var response = await SendAsync(HttpMethod.Get, path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ProtectMetricsPutsMetricsBehindAKey()
    {
        await using var factory = new ServiceFactory(models, AuthOn(protectMetrics: true));
        var client = await factory.ReadyClientAsync();

        using var without = await client.GetAsync("/metrics");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Add("X-API-Key", UserKey);
        using var with = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, without.StatusCode);
        Assert.Equal(HttpStatusCode.OK, with.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
    }
}
