using BenchmarkDotNet.Attributes;
using MlService.Benchmarks.Fixtures;
using MlService.Core.Codecs;
using MlService.Core.Frames;
using MlService.Core.Validation;

namespace MlService.Benchmarks.Micro;

/// <summary>The ML.NET runtime's Predict on a decoded frame: the demo model trained by the real trainer at setup.</summary>
[MemoryDiagnoser]
public class MlNetPredictBenchmarks
{
    private HeartDiseaseModel? _model;
    private Frame? _input;

    [Params(1, 1000)]
    public int Rows { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _model = HeartDiseaseModel.Train();
        var body = Rows == 1 ? HeartPayloads.Single() : HeartPayloads.Batch(Rows);
        _input = JsonRowsReader.Read(body, _model.Model.Signature.Inputs, ValidationOptions.Default, 10_000).Frame;
    }

    [GlobalCleanup]
    public void Cleanup() => _model?.Dispose();

    [Benchmark]
    public int Predict() => _model!.Model.Predict(_input!).RowCount;
}
