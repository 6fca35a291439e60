using BenchmarkDotNet.Attributes;
using MlService.Core.Csv;
using MlService.Trainer.Data;
using nietras.SeparatedValues;

namespace MlService.Benchmarks.Micro;

/// <summary>
/// A <c>text/csv</c> body of /invocations (the heart-disease columns, one row and a 1000-row batch) split into records of
/// string cells, the shape <c>CsvFrameReader</c> consumes: the shared <see cref="CsvRecords"/> against the Sep library.
/// </summary>
[MemoryDiagnoser]
public class CsvBenchmarks
{
    private string _text = "";

    [Params(1, 1000)]
    public int Rows { get; set; }

    [GlobalSetup]
    public void Setup() => _text = HeartDiseaseDataGenerator.Generate(Rows, 7);

    [Benchmark(Baseline = true)]
    public int SharedReader() => CsvRecords.Parse(_text).Count;

    [Benchmark]
    public int SepLibrary()
    {
        using var reader = Sep.Reader(o => o with { HasHeader = false, Unescape = true }).FromText(_text);
        var records = new List<string[]>();
        foreach (var row in reader)
        {
            var cells = new string[row.ColCount];
            for (var i = 0; i < cells.Length; i++) cells[i] = row[i].ToString();
            records.Add(cells);
        }
        return records.Count;
    }
}
