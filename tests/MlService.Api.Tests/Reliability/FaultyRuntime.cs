using MlService.Core.Models;
using MlService.Core.Runtimes;
using MlService.Core.Runtimes.MlNet;

namespace MlService.Api.Tests.Reliability;

/// <summary>Test-only runtime for the <c>mlnet</c> flavor: loads with the real ML.NET runtime, predicts through <see cref="ModelFaults"/>.</summary>
public sealed class FaultyRuntime(ModelFaults faults) : IModelRuntime
{
    private readonly MlNetModelRuntime _real = new();

    public string Flavor => _real.Flavor;

    public ILoadedModel Load(ModelDirectory directory) => new FaultyModel(_real.Load(directory), faults);

    private sealed class FaultyModel(ILoadedModel real, ModelFaults faults) : ILoadedModel
    {
        public ModelSignature Signature => real.Signature;

        public Frame Predict(Frame input)
        {
            faults.BeforePredict(input.RowCount);
            return real.Predict(input);
        }

        public void Dispose() => real.Dispose();
    }
}
