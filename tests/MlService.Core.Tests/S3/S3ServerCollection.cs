namespace MlService.Core.Tests.S3;

/// <summary>Every S3 test class shares one s3rver process.</summary>
[CollectionDefinition(Name)]
public sealed class S3ServerCollection : ICollectionFixture<S3Server>
{
    public const string Name = "s3rver";
}
