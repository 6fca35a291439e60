using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Primitives;

namespace MlService.Api.Security;

/// <summary>
/// The API keys in force, as SHA-256 hashes. Starts from the validated options and re-reads the configuration
/// whenever it changes (a rotated mounted file), swapping the key set atomically; a changed configuration that
/// fails validation keeps the previous keys and logs why (key names only). Thread-safe.
/// </summary>
public sealed partial class ApiKeyRing : IDisposable
{
    private readonly IConfiguration _configuration;
    private readonly AuthOptionsValidator _validator = new();
    private readonly ILogger<ApiKeyRing> _logger;
    private readonly IDisposable _subscription;
    private volatile KeySet _keys;

    public ApiKeyRing(IOptions<AuthOptions> options, IConfiguration configuration, ILogger<ApiKeyRing> logger)
    {
        _configuration = configuration;
        _logger = logger;
        _keys = KeySet.From(options.Value);
        _subscription = ChangeToken.OnChange(configuration.GetReloadToken, Reload);
    }

    public bool Enabled => _keys.Enabled;
    public bool ProtectMetrics => _keys.ProtectMetrics;

    /// <summary>What the presented key grants: nothing, the API, or the API and admin endpoints.</summary>
    public AccessLevel? Grant(string presented)
    {
        var keys = _keys;
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(presented), hash);
        // Compare with every key, no early exit: timing says nothing about which key matched, or how close.
        var admin = Matches(keys.Admin, hash);
        var user = Matches(keys.User, hash);
        return admin ? AccessLevel.AdminKey : user ? AccessLevel.ApiKey : null;
    }

    private static bool Matches(byte[][] hashes, ReadOnlySpan<byte> hash)
    {
        var found = false;
        foreach (var candidate in hashes) found |= CryptographicOperations.FixedTimeEquals(candidate, hash);
        return found;
    }

    private void Reload()
    {
        var options = new AuthOptions();
        try
        {
            _configuration.GetSection(AuthOptions.SectionName).Bind(options);
        }
        catch (InvalidOperationException e)
        {
            LogRejected(e.Message);
            return;
        }
        var result = _validator.Validate(null, options);
        if (result.Failed)
        {
            LogRejected(result.FailureMessage);
            return;
        }
        var next = KeySet.From(options);
        if (next.SameAs(_keys)) return;
        _keys = next;
        LogReloaded(next.Enabled, next.User.Length, next.Admin.Length);
    }

    public void Dispose() => _subscription.Dispose();

    private sealed record KeySet(bool Enabled, bool ProtectMetrics, byte[][] User, byte[][] Admin)
    {
        public static KeySet From(AuthOptions o) => new(o.Enabled, o.ProtectMetrics, Hash(o.ApiKeys), Hash(o.AdminApiKeys));

        private static byte[][] Hash(IEnumerable<string> keys) =>
            keys.Where(k => !string.IsNullOrEmpty(k)).Select(k => SHA256.HashData(Encoding.UTF8.GetBytes(k))).ToArray();

        public bool SameAs(KeySet other) =>
            Enabled == other.Enabled && ProtectMetrics == other.ProtectMetrics && Same(User, other.User) && Same(Admin, other.Admin);

        private static bool Same(byte[][] a, byte[][] b) => a.Length == b.Length && a.Zip(b).All(p => p.First.AsSpan().SequenceEqual(p.Second));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "API keys reloaded: auth enabled {Enabled}, {UserKeys} API key(s), {AdminKeys} admin key(s)")]
    private partial void LogReloaded(bool enabled, int userKeys, int adminKeys);

    [LoggerMessage(Level = LogLevel.Error, Message = "Changed MlService:Auth settings are invalid, keeping the previous keys: {Reason}")]
    private partial void LogRejected(string reason);
}
