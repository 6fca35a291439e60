using BenchmarkDotNet.Attributes;
using MlService.Benchmarks.Fixtures;
using MlService.Core.Frames;

namespace MlService.Benchmarks.Micro;

/// <summary>The ONNX runtime's Predict on a float <c>[-1, 13]</c> tensor frame (logistic regression as skl2onnx writes it).</summary>
[MemoryDiagnoser]
public class OnnxPredictBenchmarks
{
    private OnnxHeartModel? _model;
    private Frame? _input;

    [Params(1, 1000)]
    public int Rows { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _model = OnnxHeartModel.Create();
        _input = OnnxHeartModel.Input(Rows);
    }

    [GlobalCleanup]
    public void Cleanup() => _model?.Dispose();

    [Benchmark]
    public int Predict() => _model!.Model.Predict(_input!).RowCount;
}
