using System.Globalization;
using System.Text;
using MlService.Core.Models;
using MlService.Core.Stores;
using MlService.Trainer.Data;
using MlService.Trainer.Training;

namespace MlService.TestSupport.Training;

/// <summary>
/// Models the tests serve, trained once per test run by the real trainer and published into a temp store:
/// <c>heart-disease</c> (binary, 13 UCI columns, alias production) and <c>mixed</c> (a CSV with string, bool,
/// int and float columns, regression). Beside them, broken copies of the heart-disease model for the store tests:
/// one whose <c>model.zip</c> differs from the sha256 in MLmodel, one with a listed file missing, and one whose
/// <c>model.zip</c> is garbage with a matching sha256 (it passes the checksum and fails to load).
/// </summary>
public sealed class TrainedModels : IDisposable
{
    public const string HeartDisease = "heart-disease";
    public const string Mixed = "mixed";
    public const string ModelFile = "model.zip";

    public TrainedModels()
    {
        Root = Directory.CreateTempSubdirectory("mlservice-trained-models-").FullName;
        StoreRoot = Path.Combine(Root, "store");
        var store = new ModelStore(new FileBlobStore(StoreRoot));

        var heartCsv = Path.Combine(Root, "heart.csv");
        HeartDiseaseDataGenerator.Write(heartCsv, rows: 303, seed: 42);
        HeartResult = ModelTrainer.Train(new TrainRequest(heartCsv, "target", Path.Combine(Root, "build", HeartDisease)) { Task = TrainTask.Binary, Name = HeartDisease });
        var version = store.PublishAsync(HeartDisease, HeartResult.Directory).GetAwaiter().GetResult();
        store.SetAliasAsync(HeartDisease, "production", version).GetAwaiter().GetResult();

        var mixedCsv = Path.Combine(Root, "mixed.csv");
        File.WriteAllText(mixedCsv, MixedCsv(200));
        MixedResult = ModelTrainer.Train(new TrainRequest(mixedCsv, "price", Path.Combine(Root, "build", Mixed)) { Task = TrainTask.Regression, Name = Mixed });
        store.PublishAsync(Mixed, MixedResult.Directory).GetAwaiter().GetResult();

        ChecksumMismatch = CopyOf(Good, "checksum-mismatch");
        File.AppendAllText(Path.Combine(ChecksumMismatch, ModelFile), "tampered");

        MissingFile = CopyOf(Good, "missing-file");
        File.Delete(Path.Combine(MissingFile, ModelFile));

        LoadsNothing = CopyOf(Good, "garbage-model");
        var model = Path.Combine(LoadsNothing, ModelFile);
        var oldSha = ModelDirectory.Sha256Of(model);
        File.WriteAllText(model, "this is not a zip file, but MLmodel lists its sha256");
        var mlmodel = Path.Combine(LoadsNothing, MlModelFile.FileName);
        File.WriteAllText(mlmodel, File.ReadAllText(mlmodel).Replace(oldSha, ModelDirectory.Sha256Of(model), StringComparison.Ordinal));
    }

    public string Root { get; }
    public string StoreRoot { get; }
    public TrainResult HeartResult { get; }
    public TrainResult MixedResult { get; }

    /// <summary>The trained, verified heart-disease model directory (the same directory published twice gives two good versions).</summary>
    public string Good => HeartResult.Directory;

    /// <summary><c>model.zip</c> changed after MLmodel recorded its sha256.</summary>
    public string ChecksumMismatch { get; }

    /// <summary><c>model.zip</c>, listed in MLmodel, is absent.</summary>
    public string MissingFile { get; }

    /// <summary>Passes the checksum check (MLmodel lists the garbage's sha256) but ML.NET cannot load it.</summary>
    public string LoadsNothing { get; }

    /// <summary>One valid heart-disease row as JSON (the first row of the generated data).</summary>
    public static string HeartRow(int age = 63, int sex = 1, int cp = 1, int trestbps = 145, int chol = 233, double oldpeak = 2.3) =>
        string.Create(CultureInfo.InvariantCulture,
            $$"""{"age": {{age}}, "sex": {{sex}}, "cp": {{cp}}, "trestbps": {{trestbps}}, "chol": {{chol}}, "fbs": 1, "restecg": 2, "thalach": 150, "exang": 0, "oldpeak": {{oldpeak}}, "slope": 3, "ca": 0, "thal": 6}""");

    /// <summary>A deterministic CSV with string, bool, int and float columns; price depends on all four.</summary>
    private static string MixedCsv(int rows)
    {
        var random = new Random(7);
        var colours = new[] { "red", "green", "blue" };
        var text = new StringBuilder("colour,organic,weight,ratio,price\n");
        for (var i = 0; i < rows; i++)
        {
            var colour = colours[random.Next(colours.Length)];
            var organic = random.Next(2) == 1;
            var weight = random.Next(1, 50);
            var ratio = Math.Round(random.NextDouble(), 3);
            var price = 2.0 * weight + (organic ? 15 : 0) + (colour == "red" ? 10 : colour == "green" ? 5 : 0) + 20 * ratio;
            text.Append(CultureInfo.InvariantCulture, $"{colour},{(organic ? "true" : "false")},{weight},{ratio},{price:F2}\n");
        }
        return text.ToString();
    }

    private string CopyOf(string source, string name)
    {
        var target = Path.Combine(Root, "broken", name);
        Directory.CreateDirectory(target);
        foreach (var file in Directory.EnumerateFiles(source)) File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        return target;
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }
}
