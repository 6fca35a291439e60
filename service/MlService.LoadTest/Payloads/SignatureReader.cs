using MlService.Core.Codecs;
using System.Text.Json.Nodes;
using MlService.Core.Models;

namespace MlService.LoadTest.Payloads;

/// <summary>
/// Reads a model's inputs from the service: MlService's own <c>GET /models/{name}</c> (signature and input
/// example), or, when that route does not exist, the Open Inference Protocol metadata <c>GET /v2/models/{name}</c>
/// (inputs only), so any V2 server can be loaded too.
/// </summary>
public sealed class SignatureReader(HttpClient client)
{
    public async Task<ModelInfo> ReadAsync(Uri target, string model, CancellationToken cancellation)
    {
        var name = Uri.EscapeDataString(model);
        var (status, body, url) = await GetAsync(new Uri(target, $"models/{name}"), cancellation);
        if (status == HttpStatusCode.OK) return Parse(body, model);
        if (status is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed)
        {
            var (v2Status, v2Body, _) = await GetAsync(new Uri(target, $"v2/models/{name}"), cancellation);
            if (v2Status == HttpStatusCode.OK) return ParseV2Metadata(v2Body, model);
        }
        throw new InvalidOperationException($"GET {url} answered {(int)status}: {Shorten(body)}");
    }

    /// <summary>MlService's model description: <c>{"name","version","signature":{"inputs":[...]},"input_example":[...]}</c>.</summary>
    public static ModelInfo Parse(string json, string model)
    {
        var root = JsonNode.Parse(json) as JsonObject ?? throw new FormatException("model description is not a JSON object");
        var inputs = root["signature"]?["inputs"] switch
        {
            JsonArray array => SignatureJson.Parse(array.ToJsonString()),
            // MLmodel files store the inputs as a JSON string; accept that shape as well.
            JsonValue text when text.TryGetValue<string>(out var s) => SignatureJson.Parse(s),
            _ => Array.Empty<FieldSpec>(),
        };
        var example = root["input_example"] is { } node ? InputExample.Parse(node.ToJsonString()) : null;
        return new ModelInfo(root["name"]?.GetValue<string>() ?? model, root["version"]?.ToString(), inputs, example);
    }

    /// <summary>V2 model metadata: <c>{"name","versions","inputs":[{"name","datatype","shape"}]}</c>; [-1] and [-1,1] inputs are columns.</summary>
    public static ModelInfo ParseV2Metadata(string json, string model)
    {
        var root = JsonNode.Parse(json) as JsonObject ?? throw new FormatException("V2 metadata is not a JSON object");
        var inputs = new List<FieldSpec>();
        foreach (var input in root["inputs"] as JsonArray ?? [])
        {
            var name = input?["name"]?.GetValue<string>() ?? throw new FormatException("V2 input without a name");
            var datatype = input["datatype"]?.GetValue<string>() ?? "";
            var kind = V2DatatypeNames.FromV2Datatype(datatype) ?? throw new FormatException($"V2 input '{name}' has unsupported datatype '{datatype}'");
            var shape = (input["shape"] as JsonArray)?.Select(d => d!.GetValue<long>()).ToArray() ?? [-1];
            var isColumn = shape.Length == 1 || (shape.Length == 2 && shape[1] == 1);
            inputs.Add(new FieldSpec(name, kind, true, isColumn ? null : shape));
        }
        var version = (root["versions"] as JsonArray)?.LastOrDefault()?.ToString();
        return new ModelInfo(root["name"]?.GetValue<string>() ?? model, version, inputs, null);
    }

    private async Task<(HttpStatusCode Status, string Body, Uri Url)> GetAsync(Uri url, CancellationToken cancellation)
    {
        using var response = await client.GetAsync(url, cancellation);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(cancellation), url);
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "...";
}
