using System.Text;
using MlService.Trainer.Data;

namespace MlService.Benchmarks.Fixtures;

/// <summary>
/// Request bodies of generated heart-disease rows as the native protocol takes them: one JSON object, or an
/// array of objects. Values keep the CSV's spelling (integers as integers, oldpeak with one decimal).
/// </summary>
public static class HeartPayloads
{
    public static byte[] Single(int seed = 7) => Encoding.UTF8.GetBytes(Rows(1, seed)[0]);

    public static byte[] Batch(int rows, int seed = 7) => Encoding.UTF8.GetBytes("[" + string.Join(',', Rows(rows, seed)) + "]");

    /// <summary>Rows as JSON objects, label column left out.</summary>
    public static string[] Rows(int count, int seed)
    {
        var lines = HeartDiseaseDataGenerator.Generate(count, seed).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(',');
        return lines.Skip(1).Select(line =>
        {
            var cells = line.Split(',');
            var fields = header.Select((name, i) => (name, cell: cells[i])).Where(f => f.name != "target").Select(f => $"\"{f.name}\":{f.cell}");
            return "{" + string.Join(',', fields) + "}";
        }).ToArray();
    }
}
