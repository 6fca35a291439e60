using System.Text.Json.Nodes;
using MlService.Core.Models;
using MlService.Core.Signatures;

namespace MlService.LoadTest.Payloads;

/// <summary>Reads a model's signature and input example from <c>GET /models/{name}</c> of the service.</summary>
public sealed class SignatureReader(HttpClient client)
{
    public async Task<ModelInfo> ReadAsync(Uri target, string model, CancellationToken cancellation)
    {
        var url = new Uri(target, $"models/{Uri.EscapeDataString(model)}");
        using var response = await client.GetAsync(url, cancellation);
        var body = await response.Content.ReadAsStringAsync(cancellation);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"GET {url} answered {(int)response.StatusCode}: {Shorten(body)}");
        return Parse(body, model);
    }

    public static ModelInfo Parse(string json, string model)
    {
        var root = JsonNode.Parse(json) as JsonObject ?? throw new FormatException("model description is not a JSON object");
        var inputs = root["signature"]?["inputs"] switch
        {
            JsonArray array => SignatureJson.Parse(array.ToJsonString()),
            JsonValue text when text.TryGetValue<string>(out var s) => SignatureJson.Parse(s),
            _ => Array.Empty<FieldSpec>(),
        };
        var example = root["input_example"] is { } node ? InputExample.Parse(node.ToJsonString()) : null;
        return new ModelInfo(root["name"]?.GetValue<string>() ?? model, root["version"]?.ToString(), inputs, example);
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "...";
}
