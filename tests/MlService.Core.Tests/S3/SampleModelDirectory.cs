namespace MlService.Core.Tests.S3;

/// <summary>
/// Small model directories for store tests: a few files plus an MLmodel whose <c>mlservice.files</c> holds their
/// sha256 (no real model needed to test storage). Deleted on dispose.
/// </summary>
internal sealed class SampleModelDirectory : IDisposable
{
    public static readonly IReadOnlyDictionary<string, string> DefaultFiles = new Dictionary<string, string>
    {
        ["model.zip"] = "pretend model weights",
        ["input_example.json"] = """{"columns":["age"],"data":[[63]]}""",
        ["data/vocabulary.txt"] = "alpha\nbeta\n",
    };

    private SampleModelDirectory(string path) => Path = path;

    public string Path { get; }

    /// <summary>Writes the files (text, so tests can name their contents), then the MLmodel listing their hashes.</summary>
    public static SampleModelDirectory Create(IReadOnlyDictionary<string, string>? files = null, string? runId = null)
    {
        var directory = new SampleModelDirectory(System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"mlservice-sample-{Guid.NewGuid():N}"));
        foreach (var (name, content) in files ?? DefaultFiles)
        {
            var full = System.IO.Path.Combine(directory.Path, name);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
            File.WriteAllText(full, content);
        }
        var mlmodel = new MlModelFile
        {
            Flavors = { ["mlnet"] = new Dictionary<string, object?> { ["data"] = "model.zip" } },
            RunId = runId,
            MlService = new MlServiceSection { Files = ModelDirectory.HashFiles(directory.Path), Task = "binary" },
        };
        mlmodel.Save(directory.Path);
        return directory;
    }

    public void Dispose()
    {
        if (Directory.Exists(Path)) Directory.Delete(Path, recursive: true);
    }
}
