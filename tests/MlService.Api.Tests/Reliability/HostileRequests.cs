namespace MlService.Api.Tests.Reliability;

/// <summary>
/// Generates bad requests from valid ones, reproducibly (request i comes from <c>new Random(seed + i)</c>):
/// mutated bytes, truncation, wrong types, deep nesting, huge numbers, NaN/Infinity spellings, invalid UTF-8,
/// wrong content types, odd shapes, oversized strings and bodies, hostile paths and methods. String values
/// carry <see cref="Canary"/> so a test can tell when request data is echoed.
/// </summary>
public sealed class HostileRequests(IReadOnlyList<HostileRequests.Route> routes, string validKey, string wrongKey, int maxBodyBytes)
{
    public const string Canary = "canary-7f3a9";

    /// <summary>A prediction route: path, the content type it reads, and valid bodies to start from.</summary>
    public sealed record Route(string Path, string ContentType, IReadOnlyList<string> ValidBodies);

    private static readonly string[] HostileValues =
    [
        $"\"{Canary}\"", "null", "true", "[]", "{}", "[1,2,3]", "{\"a\":1}", "\"\"", "-0", "0.0000000000000000000000000001",
        "1e309", "-1e309", "1e-400", "123456789012345678901234567890", "9223372036854775808", "-9223372036854775809",
        "1E+2147483648", "NaN", "-NaN", "Infinity", "-Infinity", "+Infinity", "inf", "nan", "\"NaN\"", "\"Infinity\"",
        "\"-inf\"", "1e999", "0x10", "01", "1.", ".5", "+1", "\"\\ud800\"", "\"\\udc00x\"", "\"\\u0000\"", "'single'",
        $"\"{Canary}\\u0000{Canary}\"", "\"\\x41\"", "tru", "nul", "1_000",
    ];

    private static readonly byte[][] InvalidUtf8 =
    [
        [0xC3, 0x28], [0xFF], [0xFE, 0xFF], [0xED, 0xA0, 0x80], [0xC0, 0xAF], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xE2, 0x82], [0x80],
    ];

    private static readonly string?[] WrongContentTypes =
    [
        null, "text/plain", "application/xml", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded",
        "application/json; charset=utf-16", "application/json; charset=latin1", "a/b/c", "application/json;;;", "json",
        "application/octet-stream", "text/csv", "application/json; charset=\"", "*/*",
    ];

    private static readonly string[] Shapes =
    [
        "", " ", "\n\t ", "null", "true", "false", "0", "\"row\"", "[]", "{}", "[{}]", "[[]]", "[null]", "[1]", "{\"\":1}",
        "\uFEFF", "\uFEFF\uFEFF{}", "[{},]", "{,}", "{\"a\"}", "{\"a\":}", "[,]", "]", "}", "{}{}", "[] []", "/* c */ {}", "{} // c",
    ];

    private static readonly string[] HostilePathSegments =
    [
        // No %00: Kestrel refuses it before routing, and the in-memory test client cannot even send it.
        "no-such-model", "%20", "..", "..%2F..%2Fetc", "heart-disease%20", "HEART-DISEASE", "a%2Fb", "%E2%82%AC",
        new('m', 300), "mixed%0A", "%FF%FE", "models", "heart-disease.json",
    ];

    public HostileRequest Generate(int seed, int index)
    {
        var random = new Random(seed + index);
        var route = routes[random.Next(routes.Count)];
        var valid = route.ValidBodies[random.Next(route.ValidBodies.Count)];
        var key = random.Next(20) == 0 ? wrongKey : validKey;
        var kind = random.Next(15);
        return kind switch
        {
            0 => Make("flipped bytes", Bytes(valid, b => FlipBytes(random, b))),
            1 => Make("truncated", Bytes(valid, b => b[..random.Next(b.Length)])),
            2 => Make("deleted range", Bytes(valid, b => DeleteRange(random, b))),
            3 => Make("inserted bytes", Bytes(valid, b => Insert(random, b, RandomBytes(random, random.Next(1, 8))))),
            4 => Make("wrong type", Text(ReplaceValue(random, valid, HostileValues[random.Next(HostileValues.Length)]))),
            5 => Make("deep nesting", Text(ReplaceValue(random, valid, Nest(random)))),
            6 => Make("invalid utf-8", Bytes(valid, b => Insert(random, b, InvalidUtf8[random.Next(InvalidUtf8.Length)], insideString: true))),
            7 => Make("wrong content type", Text(valid), WrongContentTypes[random.Next(WrongContentTypes.Length)]),
            8 => Make("odd shape", Text(Shapes[random.Next(Shapes.Length)])),
            9 => Make("random bytes", RandomBytes(random, random.Next(0, 2_000))),
            10 => Make("oversized string", Text(ReplaceValue(random, valid, $"\"{Canary}{new string('x', 70_000)}\""))),
            11 => Make("oversized body", Text($"[{string.Join(",", Enumerable.Repeat(valid, maxBodyBytes / Math.Max(valid.Length, 1) + 2))}]")),
            12 => Make("duplicate and unknown keys", Text(valid.Replace("{", "{\"age\": 1, \"age\": \"x\", \"\\u0000\": 2, \"" + new string('k', 5_000) + "\": 3, "))),
            13 => new HostileRequest(index, "hostile path", HttpMethod.Post,
                $"/models/{HostilePathSegments[random.Next(HostilePathSegments.Length)]}/predict", Text(valid), route.ContentType, key),
            _ => new HostileRequest(index, "wrong method", random.Next(2) == 0 ? HttpMethod.Put : HttpMethod.Delete, route.Path, Text(valid), route.ContentType, key),
        };

        HostileRequest Make(string what, byte[] body, string? contentType = null) =>
            new(index, what, HttpMethod.Post, route.Path, body, kind == 7 ? contentType : route.ContentType, key);
    }

    private static byte[] Text(string s) => Encoding.UTF8.GetBytes(s);

    private static byte[] Bytes(string s, Func<byte[], byte[]> change) => change(Text(s));

    private static byte[] RandomBytes(Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }

    private static byte[] FlipBytes(Random random, byte[] body)
    {
        for (var i = random.Next(1, 6); i > 0 && body.Length > 0; i--) body[random.Next(body.Length)] = (byte)random.Next(256);
        return body;
    }

    private static byte[] DeleteRange(Random random, byte[] body)
    {
        if (body.Length == 0) return body;
        var start = random.Next(body.Length);
        var length = random.Next(1, Math.Min(20, body.Length - start) + 1);
        return [.. body[..start], .. body[(start + length)..]];
    }

    private static byte[] Insert(Random random, byte[] body, byte[] what, bool insideString = false)
    {
        var at = random.Next(body.Length + 1);
        if (insideString)
        {
            var quote = Array.IndexOf(body, (byte)'"', at < body.Length ? at : 0);
            if (quote >= 0) at = quote + 1;
        }
        return [.. body[..at], .. what, .. body[at..]];
    }

    /// <summary>Replaces the value of one field (the first ':' value after a random point) with <paramref name="value"/>.</summary>
    private static string ReplaceValue(Random random, string json, string value)
    {
        var colon = json.IndexOf(':', random.Next(json.Length));
        if (colon < 0) colon = json.IndexOf(':');
        if (colon < 0) return value;
        var end = colon + 1;
        while (end < json.Length && json[end] is not (',' or '}')) end++;
        return json[..(colon + 1)] + " " + value + json[end..];
    }

    private static string Nest(Random random)
    {
        var depth = random.Next(3) switch { 0 => random.Next(1, 70), 1 => random.Next(60, 70), _ => random.Next(70, 20_000) };
        return random.Next(2) == 0
            ? new string('[', depth) + "1" + new string(']', depth)
            : string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth);
    }
}
