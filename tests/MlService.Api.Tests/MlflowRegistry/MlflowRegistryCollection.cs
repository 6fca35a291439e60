namespace MlService.Api.Tests.MlflowRegistry;

/// <summary>The MLflow registry tests share one trained heart-disease model and its broken copies.</summary>
[CollectionDefinition(Name)]
public sealed class MlflowRegistryCollection : ICollectionFixture<TrainedModels>
{
    public const string Name = "mlflow registry";
}
