using System.Net.Http.Headers;

namespace MlService.Api.Tests.Infrastructure;

public static class Json
{
    public static StringContent Body(string json, string contentType = "application/json") =>
        new(json, Encoding.UTF8, MediaTypeHeaderValue.Parse(contentType));

    public static async Task<JsonNode> ReadAsync(this HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())
        ?? throw new InvalidOperationException("empty body");

    public static async Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string path, string json, string contentType = "application/json") =>
        await client.PostAsync(path, Body(json, contentType));
}
