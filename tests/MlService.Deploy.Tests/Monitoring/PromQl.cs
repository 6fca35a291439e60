namespace MlService.Deploy.Tests.Monitoring;

/// <summary>
/// The metric names a PromQL expression reads, found without a full parser: label matchers, range selectors,
/// grouping clauses and strings are cut out, and of the identifiers left the ones not followed by "(" (functions,
/// aggregations) and not keywords are metric names.
/// </summary>
public static partial class PromQl
{
    private static readonly HashSet<string> Keywords = ["by", "without", "on", "ignoring", "group_left", "group_right", "bool", "and", "or", "unless", "offset", "inf", "nan"];

    public static IReadOnlySet<string> MetricNames(string expr)
    {
        var text = Strings().Replace(expr, " ");
        text = Matchers().Replace(text, " ");
        text = Ranges().Replace(text, " ");
        text = Grouping().Replace(text, " ");
        return Identifiers().Matches(text)
            .Where(m => !Keywords.Contains(m.Value.ToLowerInvariant()) && !FollowedByParenthesis(text, m))
            .Select(m => m.Value).ToHashSet(StringComparer.Ordinal);
    }

    private static bool FollowedByParenthesis(string text, Match m) =>
        text[(m.Index + m.Length)..].TrimStart().StartsWith('(');

    [GeneratedRegex("\"(?:[^\"\\\\]|\\\\.)*\"")]
    private static partial Regex Strings();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Matchers();

    [GeneratedRegex(@"\[[^\]]*\]")]
    private static partial Regex Ranges();

    [GeneratedRegex(@"\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)")]
    private static partial Regex Grouping();

    // Numbers (0.99, 1e3) never start with a letter; identifiers may hold ':' (recording rules).
    [GeneratedRegex(@"(?<![\w.:])[a-zA-Z_:][a-zA-Z0-9_:]*")]
    private static partial Regex Identifiers();
}
