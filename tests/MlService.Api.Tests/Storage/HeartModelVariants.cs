using MlService.Core.Models;
using MlService.Trainer.Data;
using MlService.Trainer.Training;

namespace MlService.Api.Tests.Storage;

/// <summary>
/// The heart-disease model trained once by the real trainer, plus broken copies made from it: one whose
/// <c>model.zip</c> differs from the sha256 in MLmodel, one with a listed file missing, and one whose
/// <c>model.zip</c> is garbage with a matching sha256 (it passes the checksum and fails to load).
/// The same directory published twice gives two good versions.
/// </summary>
public sealed class HeartModelVariants : IDisposable
{
    public const string ModelFile = "model.zip";

    public HeartModelVariants()
    {
        Root = Directory.CreateTempSubdirectory("mlservice-storage-tests-").FullName;
        var csv = Path.Combine(Root, "heart.csv");
        HeartDiseaseDataGenerator.Write(csv, rows: 303, seed: 42);
        Good = ModelTrainer.Train(new TrainRequest(csv, "target", Path.Combine(Root, "good")) { Task = TrainTask.Binary, Name = "heart-disease" }).Directory;

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

    /// <summary>A trained, verified model directory.</summary>
    public string Good { get; }

    /// <summary><c>model.zip</c> changed after MLmodel recorded its sha256.</summary>
    public string ChecksumMismatch { get; }

    /// <summary><c>model.zip</c>, listed in MLmodel, is absent.</summary>
    public string MissingFile { get; }

    /// <summary>Passes the checksum check (MLmodel lists the garbage's sha256) but ML.NET cannot load it.</summary>
    public string LoadsNothing { get; }

    private string CopyOf(string source, string name)
    {
        var target = Path.Combine(Root, name);
        Directory.CreateDirectory(target);
        foreach (var file in Directory.EnumerateFiles(source)) File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        return target;
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }
}
