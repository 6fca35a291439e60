using System.Text.Json;

namespace MlService.Deploy.Tests.Infrastructure;

/// <summary>Flattens a JSON configuration file to the configuration paths .NET binds (`A:B:0:C`).</summary>
public static class JsonConfigKeys
{
    public static IReadOnlyList<string> Flatten(string json)
    {
        using var document = JsonDocument.Parse(json);
        var keys = new List<string>();
        Walk(document.RootElement, "", keys);
        return keys;
    }

    private static void Walk(JsonElement element, string prefix, List<string> keys)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Walk(property.Value, prefix.Length == 0 ? property.Name : $"{prefix}:{property.Name}", keys);
                }
                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Walk(item, $"{prefix}:{i++}", keys);
                }
                break;
            default:
                keys.Add(prefix);
                break;
        }
    }
}
