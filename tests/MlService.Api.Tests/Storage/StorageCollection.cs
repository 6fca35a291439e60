namespace MlService.Api.Tests.Storage;

/// <summary>
/// The S3 storage tests run one after another (they start services and s3rver processes, and time the
/// reload under load), sharing the trained model and one s3rver for the tests that never stop it.
/// </summary>
[CollectionDefinition(Name)]
public sealed class StorageCollection : ICollectionFixture<TrainedModels>, ICollectionFixture<S3Server>
{
    public const string Name = "s3 storage";
}
