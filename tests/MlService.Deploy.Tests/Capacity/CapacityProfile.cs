namespace MlService.Deploy.Tests.Capacity;

/// <summary>
/// One row of the machine-readable table "Profiles the manifests follow" in docs/capacity.md, between the
/// markers capacity-profiles:begin and :end. A "—" cell is null (the profile does not set that value).
/// </summary>
public sealed record CapacityProfile(string Name, string Manifests, string? CpuRequest, string? CpuLimit,
    string? MemoryRequest, string? MemoryLimit, int? HpaTargetPercent, int? MinReplicas, int? MaxReplicas, int? Replicas)
{
    public static string GuidePath => RepositoryPaths.Combine("docs", "capacity.md");

    public static IReadOnlyDictionary<string, CapacityProfile> All { get; } = Parse(File.ReadAllText(GuidePath));

    public static IReadOnlyDictionary<string, CapacityProfile> Parse(string markdown)
    {
        const string begin = "<!-- capacity-profiles:begin -->", end = "<!-- capacity-profiles:end -->";
        var start = markdown.IndexOf(begin, StringComparison.Ordinal);
        var stop = markdown.IndexOf(end, StringComparison.Ordinal);
        if (start < 0 || stop < start) throw new InvalidOperationException($"{GuidePath}: no {begin} ... {end} table");
        var rows = markdown[(start + begin.Length)..stop].Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => l.StartsWith('|')).Select(l => l.Trim('|').Split('|').Select(c => c.Trim()).ToArray()).ToList();
        var header = rows[0];
        string[] expected = ["profile", "manifests", "cpu request", "cpu limit", "memory request", "memory limit", "HPA target %", "min replicas", "max replicas", "replicas"];
        if (!header.SequenceEqual(expected)) throw new InvalidOperationException($"{GuidePath}: table header is [{string.Join(", ", header)}]");
        return rows.Skip(2).Select(c => new CapacityProfile(c[0], c[1], Cell(c[2]), Cell(c[3]), Cell(c[4]), Cell(c[5]),
                Number(c[6]), Number(c[7]), Number(c[8]), Number(c[9])))
            .ToDictionary(p => p.Name);
    }

    private static string? Cell(string text) => text is "—" or "" ? null : text;

    private static int? Number(string text) => Cell(text) is { } t ? int.Parse(t, System.Globalization.CultureInfo.InvariantCulture) : null;
}
