using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.Http;
using ServiceConfiguration = MlService.Api.Extensions.ConfigurationExtensions;
using MlService.Core.Stores;

namespace MlService.Api.Options;

/// <summary>
/// Converts every configured value of every options class the way the configuration binder will, before anything
/// binds, so a value of the wrong type ("abc" for a number, "1" for one of our booleans) is one line naming the
/// key and what it accepts instead of the binder's exception deep inside the host. Also the host's own values
/// that would otherwise fail later: log levels and listen URLs.
/// </summary>
public static class ConfigurationBindingCheck
{
    /// <summary>Every options class (each declares a <c>SectionName</c> const) and the section it binds from; a new class is checked without being listed.</summary>
    public static readonly IReadOnlyList<(Type Type, string Section)> BoundOptions = typeof(ServingOptions).Assembly.GetTypes()
        .Select(t => (Type: t, Field: t.GetField("SectionName", BindingFlags.Public | BindingFlags.Static)))
        .Where(t => t.Field is { IsLiteral: true } && t.Field.FieldType == typeof(string))
        .Select(t => (t.Type, (string)t.Field!.GetRawConstantValue()!))
        .ToList();

    /// <exception cref="InvalidConfigurationException">One or more values cannot be bound; the message lists them on one line.</exception>
    public static void ThrowIfInvalid(IConfiguration configuration)
    {
        var problems = Problems(configuration);
        if (problems.Count > 0) throw new InvalidConfigurationException(string.Join("; ", problems));
    }

    public static IReadOnlyList<string> Problems(IConfiguration configuration)
    {
        var problems = new List<string>();
        foreach (var (type, section) in BoundOptions) Walk(type, configuration.GetSection(section), problems);
        foreach (var level in configuration.GetSection("Logging:LogLevel").GetChildren())
        {
            // What Microsoft.Extensions.Logging accepts; anything else throws when the first logger is made.
            if (level.Value is { Length: > 0 } value && !Enum.TryParse<LogLevel>(value, ignoreCase: true, out _))
                problems.Add($"{level.Path}: '{value}' is not a log level; accepted: {string.Join(", ", Enum.GetNames<LogLevel>())}");
        }
        foreach (var url in (configuration["urls"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!IsUrl(url)) problems.Add($"urls (ASPNETCORE_URLS): '{url}' is not a listen URL; accepted: e.g. http://0.0.0.0:8080, several separated by ';'");
        }
        return problems;
    }

    private static void Walk(Type type, IConfigurationSection section, List<string> problems)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0))
        {
            var child = section.GetSection(property.Name);
            var propertyType = property.PropertyType;
            if (IsScalar(propertyType))
            {
                if (property.CanWrite) CheckScalar(propertyType, child, property.GetCustomAttribute<RangeAttribute>(), problems);
            }
            else if (ElementType(propertyType) is { } element)
            {
                foreach (var item in child.GetChildren())
                {
                    if (IsScalar(element)) CheckScalar(element, item, null, problems);
                    else Walk(element, item, problems);
                }
            }
            else if (propertyType.IsClass)
            {
                Walk(propertyType, child, problems);
            }
        }
    }

    private static void CheckScalar(Type type, IConfigurationSection section, RangeAttribute? range, List<string> problems)
    {
        var value = section.Value;
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (value is null || target == typeof(string)) return;
        if (string.IsNullOrEmpty(value) && Nullable.GetUnderlyingType(type) is not null) return;
        try
        {
            TypeDescriptor.GetConverter(target).ConvertFromInvariantString(value);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or NotSupportedException or OverflowException)
        {
            problems.Add($"{KeyName(section)}: '{value}' is not {Accepted(target, range, section)}");
        }
    }

    /// <summary>The name the user wrote: the short environment alias when the value came from one.</summary>
    private static string KeyName(IConfigurationSection section)
    {
        foreach (var (env, key) in ServiceConfiguration.Aliases)
        {
            if (string.Equals(key, section.Path, StringComparison.OrdinalIgnoreCase) && Environment.GetEnvironmentVariable(env) == section.Value)
                return $"{env} ({section.Path})";
        }
        return section.Path;
    }

    private static string Accepted(Type type, RangeAttribute? range, IConfigurationSection section)
    {
        if (type == typeof(bool))
        {
            var fromMlflowName = ServiceConfiguration.Aliases.Any(a => ServiceConfiguration.FlagAliases.Contains(a.Env)
                && string.Equals(a.Key, section.Path, StringComparison.OrdinalIgnoreCase) && Environment.GetEnvironmentVariable(a.Env) == section.Value);
            return fromMlflowName ? $"a boolean; accepted: {S3Settings.AcceptedFlags}" : "a boolean; accepted: true or false (any case)";
        }
        var bounds = range is null ? "" : string.Create(CultureInfo.InvariantCulture, $" from {range.Minimum} to {range.Maximum}");
        if (type == typeof(int) || type == typeof(long)) return $"an integer{bounds}";
        if (type == typeof(double) || type == typeof(float) || type == typeof(decimal)) return $"a number{bounds}";
        if (type.IsEnum) return $"one of {string.Join(", ", Enum.GetNames(type))}";
        return $"a valid {type.Name}";
    }

    private static bool IsScalar(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(decimal) || t == typeof(TimeSpan) || t == typeof(Uri);
    }

    private static Type? ElementType(Type type) =>
        type.IsArray ? type.GetElementType()
        : type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>) ? type.GetGenericArguments()[0]
        : null;

    private static bool IsUrl(string url)
    {
        try
        {
            BindingAddress.Parse(url);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
