using MlService.Core.Models;
using Microsoft.ML;
using Microsoft.ML.Data;
using DataKind = MlService.Core.Signatures.DataKind;

namespace MlService.Core.Runtimes.MlNet;

/// <summary>
/// Loads our <c>mlnet</c> flavor (<c>data: model.zip</c>): any ML.NET model saved with its input schema —
/// binary, multiclass or regression pipelines. Rows are built from the signature at run time.
/// </summary>
public sealed class MlNetModelRuntime : IModelRuntime
{
    public const string FlavorName = "mlnet";

    /// <summary>Output columns served when the MLmodel signature names none, in this order.</summary>
    private static readonly string[] WellKnownOutputs = ["PredictedLabel", "Score", "Probability"];

    public string Flavor => FlavorName;

    public ILoadedModel Load(ModelDirectory directory)
    {
        var file = directory.Resolve(directory.MlModel.FlavorData(FlavorName) ?? "model.zip");
        if (!File.Exists(file)) throw new ModelLoadException($"ML.NET model file '{Path.GetFileName(file)}' is missing");

        var ml = new MLContext(seed: 0);
        ITransformer transformer;
        DataViewSchema? inputSchema;
        try
        {
            transformer = ml.Model.Load(file, out inputSchema);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new ModelLoadException($"'{Path.GetFileName(file)}' is not a loadable ML.NET model: {e.Message}", e);
        }
        if (inputSchema is null)
        {
            (transformer as IDisposable)?.Dispose();
            throw new ModelLoadException(
                $"'{Path.GetFileName(file)}' was saved without its input schema; save it with mlContext.Model.Save(model, trainingData.Schema, path)");
        }

        IRowToRowMapper mapper;
        try
        {
            mapper = transformer.GetRowToRowMapper(inputSchema);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            throw new ModelLoadException($"the ML.NET pipeline cannot run row by row: {e.Message}", e);
        }

        var declared = directory.MlModel.Signature;
        var outputs = SelectOutputs(mapper.OutputSchema, inputSchema, declared.Outputs);
        var needed = mapper.GetDependencies(outputs).ToList();
        var inputs = declared.Inputs.Count > 0 ? declared.Inputs : DeriveInputs(needed);
        foreach (var column in needed)
        {
            if (!inputs.Any(i => i.Name == column.Name))
                throw new ModelLoadException($"the model reads column '{column.Name}' but the MLmodel signature does not declare it");
        }
        var signature = new ModelSignature(inputs, declared.Outputs.Count > 0 ? declared.Outputs : DeriveOutputs(outputs));
        return new MlNetLoadedModel(transformer, inputSchema, mapper, outputs, signature);
    }

    private static List<DataViewSchema.Column> SelectOutputs(DataViewSchema output, DataViewSchema input, IReadOnlyList<FieldSpec> declared)
    {
        var names = declared.Count > 0
            ? declared.Select(d => d.Name).ToList()
            : WellKnownOutputs.Where(n => output.GetColumnOrNull(n) is not null).ToList();
        if (names.Count == 0)
            names = output.Where(c => !c.IsHidden && input.GetColumnOrNull(c.Name) is null && c.Name != "Features").Select(c => c.Name).ToList();
        var columns = new List<DataViewSchema.Column>();
        foreach (var name in names)
        {
            var column = output.GetColumnOrNull(name)
                ?? throw new ModelLoadException($"the MLmodel signature names output '{name}', which the pipeline does not produce");
            columns.Add(column);
        }
        if (columns.Count == 0) throw new ModelLoadException("the ML.NET pipeline produces no output columns");
        return columns;
    }

    private static List<FieldSpec> DeriveInputs(IEnumerable<DataViewSchema.Column> needed) => needed.Select(c =>
    {
        var kind = MlNetTypes.KindOf(c.Type) ?? throw new ModelLoadException($"input column '{c.Name}' has unsupported type {c.Type}");
        return c.Type is VectorDataViewType vector
            ? new FieldSpec(c.Name, kind, true, [-1, vector.Size == 0 ? -1 : vector.Size])
            : new FieldSpec(c.Name, kind);
    }).ToList();

    private static List<FieldSpec> DeriveOutputs(IEnumerable<DataViewSchema.Column> outputs) => outputs.Select(c =>
    {
        var kind = c.Type is KeyDataViewType ? DataKind.String : MlNetTypes.KindOf(c.Type) ?? DataKind.String;
        return c.Type is VectorDataViewType vector ? new FieldSpec(c.Name, kind, true, [-1, vector.Size]) : new FieldSpec(c.Name, kind);
    }).ToList();
}
