namespace MlService.Api.Tests.Infrastructure;

/// <summary>The tests that serve the trained models share one set, trained once per test run.</summary>
[CollectionDefinition(Name)]
public sealed class TrainedModelsCollection : ICollectionFixture<TrainedModels>
{
    public const string Name = "trained models";
}
