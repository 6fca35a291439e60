namespace MlService.Api.Security;

/// <summary>Checks the auth settings; failures name the key, never a key's value.</summary>
public sealed class AuthOptionsValidator : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        if (!options.Enabled) return ValidateOptionsResult.Success;
        var failures = new List<string>();
        if (options.ApiKeys.Count == 0 && options.AdminApiKeys.Count == 0)
            failures.Add("MlService:Auth:Enabled is true but MlService:Auth:ApiKeys and AdminApiKeys are empty");
        Check(options.ApiKeys, "MlService:Auth:ApiKeys", failures);
        Check(options.AdminApiKeys, "MlService:Auth:AdminApiKeys", failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(List<string> keys, string key, List<string> failures)
    {
        for (var i = 0; i < keys.Count; i++)
        {
            var value = keys[i] ?? "";
            if (value.Length < AuthOptions.MinKeyLength)
                failures.Add($"{key}:{i} is shorter than {AuthOptions.MinKeyLength} characters");
            else if (value.AsSpan().IndexOfAnyExceptInRange('!', '~') >= 0)
                failures.Add($"{key}:{i} must be visible ASCII without spaces");
        }
    }
}
