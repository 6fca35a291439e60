using MlService.Core.Frames;
using MlService.Core.Signatures;
using MlService.Core.Validation;

namespace MlService.TestSupport;

/// <summary>Builds a validated input frame from rows of text cells, the way the CSV codecs feed FrameBuilder.</summary>
public static class FrameRows
{
    public static Frame Build(ModelSignature signature, params IReadOnlyDictionary<string, string?>[] rows)
    {
        var builder = new FrameBuilder(signature.Inputs, rows.Length, ValidationOptions.Default);
        for (var row = 0; row < rows.Length; row++)
        {
            foreach (var (name, text) in rows[row])
            {
                var field = builder.FieldIndex(name);
                if (field < 0) builder.UnknownField(row, name);
                else builder.ReadText(row, field, text);
            }
        }
        return builder.Build();
    }

    /// <summary>Rows of a CSV text (header + cells) as dictionaries, the label column dropped.</summary>
    public static IReadOnlyDictionary<string, string?>[] FromCsv(string csv, string label)
    {
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(',');
        return lines.Skip(1).Select(line =>
        {
            var cells = line.Split(',');
            return (IReadOnlyDictionary<string, string?>)header.Select((h, i) => (h, cells[i]))
                .Where(p => p.h != label).ToDictionary(p => p.h, p => (string?)p.Item2);
        }).ToArray();
    }
}
