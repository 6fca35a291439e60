namespace MlService.Deploy.Tests.Infrastructure;

/// <summary>Heuristics a reviewer applies to spot credentials in places meant for plain configuration.</summary>
public static partial class SecretLooking
{
    public static bool Key(string key) => SecretKeyName().IsMatch(key);

    public static bool Value(string value) =>
        AwsAccessKey().IsMatch(value) || value.Contains("PRIVATE KEY", StringComparison.Ordinal)
        || CredentialsInUrl().IsMatch(value);

    [GeneratedRegex(@"(password|passwd|secret|token|api_?keys?|access_?key|credential)", RegexOptions.IgnoreCase)]
    private static partial Regex SecretKeyName();

    [GeneratedRegex(@"\b(AKIA|ASIA)[0-9A-Z]{16}\b")]
    private static partial Regex AwsAccessKey();

    [GeneratedRegex(@"://[^/\s:@]+:[^/\s@]+@")]
    private static partial Regex CredentialsInUrl();
}
