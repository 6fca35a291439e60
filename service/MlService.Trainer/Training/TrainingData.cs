using System.Text;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlDataKind = Microsoft.ML.Data.DataKind;

namespace MlService.Trainer.Training;

/// <summary>
/// A CSV prepared for ML.NET: column types inferred, the task settled, rows without a label dropped, and the
/// rows rewritten to a normalised tab-separated temp file that <see cref="TextLoader"/> reads (no BOM, LF,
/// no quoting; numbers and booleans as Single with NaN for missing; a binary label as true/false, a multiclass
/// label as text in one spelling per value). The loader's
/// schema is what the saved model declares as its input schema.
/// </summary>
public sealed class TrainingData : IDisposable
{
    private TrainingData(string file, IReadOnlyList<TrainingColumn> inputs, string label, ColumnType labelType, TrainTask task,
        IReadOnlyList<string?[]> rows, string? positiveClass, IReadOnlyList<string>? classes)
    {
        File = file;
        Inputs = inputs;
        Label = label;
        LabelType = labelType;
        Task = task;
        Rows = rows;
        PositiveClass = positiveClass;
        Classes = classes;
    }

    /// <summary>The normalised temp file; deleted on dispose.</summary>
    public string File { get; }
    public IReadOnlyList<TrainingColumn> Inputs { get; }
    public string Label { get; }
    public ColumnType LabelType { get; }
    public TrainTask Task { get; }

    /// <summary>Rows with a label, as read (inputs in <see cref="Inputs"/> order, then the label).</summary>
    public IReadOnlyList<string?[]> Rows { get; }
    public string? PositiveClass { get; }

    /// <summary>Multiclass: the distinct labels in canonical spelling (the model's Score order is read from the model).</summary>
    public IReadOnlyList<string>? Classes { get; }

    public static TrainingData Prepare(CsvTable table, string label, TrainTask? task)
    {
        var labelIndex = table.IndexOf(label);
        if (labelIndex < 0) throw new ArgumentException($"label column '{label}' is not in the CSV header ({string.Join(", ", table.Header)})");
        if (table.Header.Count < 2) throw new ArgumentException("the CSV needs at least one column besides the label");
        var rows = table.Rows.Where(r => r[labelIndex] is not null).ToList();
        if (rows.Count < 2) throw new ArgumentException($"the CSV has {rows.Count} rows with a '{label}' value; at least 2 are needed");

        var order = Enumerable.Range(0, table.Header.Count).Where(i => i != labelIndex).Append(labelIndex).ToArray();
        var reordered = rows.Select(r => order.Select(i => r[i]).ToArray()).ToList();
        var inputs = order[..^1].Select(i => new TrainingColumn(
            table.Header[i], ColumnTypeInference.Infer(rows.Select(r => r[i])), rows.Any(r => r[i] is null))).ToList();
        var labelType = ColumnTypeInference.Infer(rows.Select(r => r[labelIndex]));
        var labels = rows.Select(r => Canonical(r[labelIndex]!, labelType)).ToList();
        var settled = task ?? TaskInference.Infer(labelType, labels);
        var classes = SortedClasses(labels, labelType);

        string? positive = null;
        switch (settled)
        {
            case TrainTask.Binary when classes.Count != 2:
                throw new ArgumentException($"a binary task needs a label with exactly 2 distinct values; '{label}' has {classes.Count}");
            case TrainTask.Binary:
                positive = classes[1];
                break;
            case TrainTask.Regression when !labelType.IsNumeric():
                throw new ArgumentException($"a regression task needs a numeric label; '{label}' is {labelType.ToString().ToLowerInvariant()}");
            case TrainTask.Multiclass when classes.Count < 2:
                throw new ArgumentException($"a multiclass task needs at least 2 classes; '{label}' has {classes.Count}");
        }

        var file = Path.Combine(Path.GetTempPath(), $"mlservice-train-{Guid.NewGuid():N}.tsv");
        WriteNormalised(file, inputs, labelType, settled, positive, reordered);
        return new TrainingData(file, inputs, label, labelType, settled, reordered, positive,
            settled == TrainTask.Multiclass ? classes : null);
    }

    /// <summary>Loads the normalised file; the label column keeps its CSV name.</summary>
    public IDataView Load(MLContext ml)
    {
        var columns = Inputs.Select((c, i) => new TextLoader.Column(c.Name, c.Type == ColumnType.String ? MlDataKind.String : MlDataKind.Single, i)).ToList();
        var labelKind = Task switch
        {
            TrainTask.Binary => MlDataKind.Boolean,
            // Text keys give the Score vector slot names (the class of each score), numbers or not.
            TrainTask.Multiclass => MlDataKind.String,
            _ => MlDataKind.Single,
        };
        columns.Add(new TextLoader.Column(Label, labelKind, Inputs.Count));
        var loader = ml.Data.CreateTextLoader(new TextLoader.Options
        {
            Columns = columns.ToArray(),
            HasHeader = true,
            Separators = ['\t'],
            AllowQuoting = false,
            MissingRealsAsNaNs = true,
        });
        return loader.Load(File);
    }

    public void Dispose()
    {
        try { System.IO.File.Delete(File); }
        catch (IOException) { /* a temp file left behind is harmless */ }
    }

    private static void WriteNormalised(string file, IReadOnlyList<TrainingColumn> inputs, ColumnType labelType, TrainTask task,
        string? positive, IEnumerable<string?[]> rows)
    {
        using var writer = new StreamWriter(file, false, new UTF8Encoding(false)) { NewLine = "\n" };
        writer.WriteLine(string.Join('\t', inputs.Select(c => Clean(c.Name)).Append("label")));
        var cells = new string[inputs.Count + 1];
        foreach (var row in rows)
        {
            for (var i = 0; i < inputs.Count; i++) cells[i] = Cell(row[i], inputs[i].Type);
            var label = row[^1]!;
            cells[^1] = task == TrainTask.Binary
                ? (Canonical(label, labelType) == positive ? "true" : "false")
                : task == TrainTask.Multiclass ? Clean(Canonical(label, labelType)) : label;
            writer.WriteLine(string.Join('\t', cells));
        }
    }

    /// <summary>Numbers as written, booleans as 1/0, text without the separator or line breaks, missing as empty.</summary>
    private static string Cell(string? value, ColumnType type) => value is null ? "" : type switch
    {
        ColumnType.Boolean => bool.Parse(value) ? "1" : "0",
        ColumnType.String => Clean(value),
        _ => value,
    };

    private static string Clean(string text) => text.Replace('\t', ' ').Replace('\r', ' ').Replace('\n', ' ');

    /// <summary>One spelling per value, so "1" and "1.0" or "True" and "true" count as one class.</summary>
    private static string Canonical(string value, ColumnType type) => type switch
    {
        ColumnType.Long or ColumnType.Double => double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture),
        ColumnType.Boolean => bool.Parse(value) ? "true" : "false",
        _ => value,
    };

    /// <summary>Distinct labels, numerically sorted for numbers (so for 0/1 the positive class is 1), ordinal otherwise.</summary>
    private static List<string> SortedClasses(IEnumerable<string> canonical, ColumnType type)
    {
        var distinct = canonical.Distinct(StringComparer.Ordinal);
        return type.IsNumeric()
            ? distinct.OrderBy(v => double.Parse(v, CultureInfo.InvariantCulture)).ToList()
            : distinct.Order(StringComparer.Ordinal).ToList();
    }
}
