using System.Collections;
using System.Reflection;
using MlService.Api.Extensions;
using MlService.Api.Options;

namespace MlService.Deploy.Tests.Infrastructure;

/// <summary>
/// Every configuration key of the service, read from its options classes (each has a <c>SectionName</c> const;
/// DESIGN.md §6), plus the environment names that reach them. A manifest key that is not here is a typo or a
/// setting the service does not have.
/// </summary>
public static partial class KnownOptionKeys
{
    /// <summary>Configuration paths bound by the options classes; `N` stands for a list index.</summary>
    public static IReadOnlySet<string> BoundKeys { get; } = ReadOptionsClasses();

    public static IReadOnlySet<string> OptionKeys => BoundKeys;

    /// <summary>Short environment names the service maps onto options (ConfigurationExtensions), and MLSERVICE_CONFIG.</summary>
    public static IReadOnlySet<string> Aliases { get; } = ReadAliases();

    /// <summary>Variables read by ASP.NET Core / the .NET host themselves.</summary>
    public static IReadOnlySet<string> HostVariables { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_URLS", "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT",
    };

    /// <summary>True when an environment variable name is something the service reads.</summary>
    public static bool IsServiceVariable(string name) =>
        Aliases.Contains(name) || HostVariables.Contains(name) || IsOptionKey(name.Replace("__", ":"));

    /// <summary>True for a configuration path such as MlService:Models:0:Uri.</summary>
    public static bool IsOptionKey(string path) => OptionKeys.Contains(Index().Replace(path, ":N$1"));

    /// <summary>Names a variable as belonging to the service, so it must be known (other containers' env is free).</summary>
    public static bool ClaimsToBeServiceVariable(string name) =>
        name.StartsWith("MlService__", StringComparison.OrdinalIgnoreCase) || Aliases.Contains(name);

    private static HashSet<string> ReadOptionsClasses()
    {
        var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var optionTypes = typeof(ServingOptions).Assembly.GetTypes()
            .Select(t => (Type: t, Section: t.GetField("SectionName", BindingFlags.Public | BindingFlags.Static)))
            .Where(t => t.Section is { IsLiteral: true });
        foreach (var (type, section) in optionTypes)
        {
            Walk(type, (string)section!.GetRawConstantValue()!, keys);
        }
        return keys;
    }

    private static void Walk(Type type, string prefix, HashSet<string> keys)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanRead))
        {
            var path = $"{prefix}:{property.Name}";
            var propertyType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (IsScalar(propertyType))
            {
                keys.Add(path);
            }
            else if (propertyType != typeof(string) && typeof(IEnumerable).IsAssignableFrom(propertyType))
            {
                var item = propertyType.IsArray ? propertyType.GetElementType()! : propertyType.GetGenericArguments().Last();
                if (IsScalar(item)) keys.Add(path + ":N");
                else Walk(item, path + ":N", keys);
            }
            else
            {
                Walk(propertyType, path, keys);
            }
        }
    }

    private static bool IsScalar(Type t) =>
        t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(decimal) || t == typeof(TimeSpan) || t == typeof(Uri);

    private static HashSet<string> ReadAliases()
    {
        // The service's own alias table: one source of truth.
        return new HashSet<string>(ConfigurationExtensions.Aliases.Select(a => a.Env).Append(ConfigurationExtensions.MountedConfigVariable), StringComparer.Ordinal);
    }

    [GeneratedRegex(@":\d+(:|$)")]
    private static partial Regex Index();
}
