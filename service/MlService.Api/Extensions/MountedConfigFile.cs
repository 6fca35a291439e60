using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Primitives;

namespace MlService.Api.Extensions;

/// <summary>
/// The mounted JSON config file (a ConfigMap volume). Unlike the stock JSON source it keeps the previous
/// settings when the file is replaced by invalid JSON, and reports the error instead of dropping every key.
/// Polls the file, because ConfigMap updates swap a symlink that inotify does not always report.
/// </summary>
public sealed class MountedConfigFile : ConfigurationProvider, IDisposable
{
    private readonly string _path;
    private readonly PhysicalFileProvider _files;
    private readonly IDisposable _watch;

    private MountedConfigFile(string path)
    {
        _path = path;
        _files = new PhysicalFileProvider(Path.GetDirectoryName(path)!) { UsePollingFileWatcher = true, UseActivePolling = true };
        _watch = ChangeToken.OnChange(() => _files.Watch(Path.GetFileName(path)), () =>
        {
            if (TryRead(out var data)) { Data = data; OnReload(); }
        });
    }

    /// <summary>Last problem reading the file (null when the current content loaded fine).</summary>
    public static string? LastError { get; private set; }

    public static IConfigurationSource Source(string path) => new MountedSource(path);

    /// <summary>Why the file cannot serve as a start configuration (missing, unreadable, not JSON), or null when it can.</summary>
    public static string? Check(string path)
    {
        if (!File.Exists(path)) return $"'{path}' does not exist";
        try
        {
            using var stream = new MemoryStream(File.ReadAllBytes(path));
            new ConfigurationBuilder().AddJsonStream(stream).Build();
            return null;
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or IOException or UnauthorizedAccessException or System.Text.Json.JsonException)
        {
            return $"'{path}' is not a readable JSON file: {e.Message.ReplaceLineEndings(" ")}";
        }
    }

    public override void Load()
    {
        if (TryRead(out var data)) Data = data;
    }

    private bool TryRead(out Dictionary<string, string?> data)
    {
        data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (!File.Exists(_path))
        {
            LastError = null;
            return true; // optional: a missing file means no settings from it
        }
        try
        {
            using var stream = new MemoryStream(File.ReadAllBytes(_path));
            var parsed = new ConfigurationBuilder().AddJsonStream(stream).Build();
            foreach (var (key, value) in parsed.AsEnumerable())
                if (value is not null) data[key] = value;
            LastError = null;
            return true;
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or IOException or System.Text.Json.JsonException)
        {
            LastError = $"{_path}: {e.Message}";
            Console.Error.WriteLine($"MLSERVICE_CONFIG file is invalid, keeping the previous settings: {LastError}");
            return false;
        }
    }

    public void Dispose()
    {
        _watch.Dispose();
        _files.Dispose();
    }

    private sealed class MountedSource(string path) : IConfigurationSource
    {
        public IConfigurationProvider Build(IConfigurationBuilder builder) => new MountedConfigFile(path);
    }
}
