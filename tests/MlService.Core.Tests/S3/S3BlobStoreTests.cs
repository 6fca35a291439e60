using System.Security.Cryptography;

namespace MlService.Core.Tests.S3;

[Collection(S3ServerCollection.Name)]
public sealed class S3BlobStoreTests(S3Server s3)
{
    [Fact]
    public async Task ListingUnderAPrefixReturnsExactlyTheObjectsThere()
    {
        var store = s3.NewStore();
        foreach (var key in new[] { "m/a.txt", "m/b.txt", "m/deep/c.txt", "m/with space+plus=.txt", "m/r&d 100%.txt", "n/x.txt", "mx.txt" })
            await store.WriteTextAsync(key, $"content of {key}");

        var listed = await ListAsync(store, "m/");

        Assert.Equal(["m/a.txt", "m/b.txt", "m/deep/c.txt", "m/r&d 100%.txt", "m/with space+plus=.txt"], listed.Select(b => b.Key).Order(StringComparer.Ordinal));
        Assert.Equal("content of m/with space+plus=.txt", await store.ReadTextOrNullAsync("m/with space+plus=.txt"));
        Assert.Equal("content of m/deep/c.txt".Length, listed.Single(b => b.Key == "m/deep/c.txt").Size);
        Assert.All(listed, b => Assert.True(b.LastModified > DateTimeOffset.UtcNow.AddMinutes(-5)));
    }

    /// <summary>
    /// s3rver 3.7.1 answers listings in the namespace http://doc.s3.amazonaws.com/2006-03-01/, which the Minio SDK
    /// reads as zero items without an error. start-s3rver.js rewrites it; this pins both halves of that fix.
    /// </summary>
    [Fact]
    public async Task ListingXmlCarriesTheS3NamespaceSoMinioSeesEveryKey()
    {
        var store = s3.NewStore();
        foreach (var key in new[] { "v/1", "v/2", "v/3" }) await store.WriteTextAsync(key, key);
        using var http = new HttpClient();

        var xml = await http.GetStringAsync($"{s3.EndpointUrl}/models?list-type=2&prefix={store.Location.KeyOf("v/")}");
        var listed = await ListAsync(store, "v/");

        Assert.Contains("xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"", xml);
        Assert.DoesNotContain("doc.s3.amazonaws.com", xml);
        Assert.Equal(3, listed.Count);
    }

    [Fact]
    public async Task ListingFollowsPagesBeyondOneThousandKeys()
    {
        var bucket = await s3.NewBucketAsync();
        var store = new S3BlobStore(S3Location.Parse($"s3://{bucket}"), s3.Connection);
        var keys = Enumerable.Range(0, 1003).Select(i => $"p/{i:D4}").ToList();
        await Parallel.ForEachAsync(keys, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (key, ct) => await store.WriteTextAsync(key, key, ct));

        var listed = await ListAsync(store, "p/");

        Assert.Equal(keys, listed.Select(b => b.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task KeysAreRelativeToTheRootAndNothingOutsideItIsListed()
    {
        var id = Guid.NewGuid().ToString("N");
        var store = new S3BlobStore(S3Location.Parse($"s3://models/{id}/deep"), s3.Connection);
        var sibling = new S3BlobStore(S3Location.Parse($"s3://models/{id}/deeper"), s3.Connection);
        await store.WriteTextAsync("a/b.txt", "inside");
        await sibling.WriteTextAsync("a/b.txt", "outside");

        var listed = await ListAsync(store, "");

        Assert.Equal(["a/b.txt"], listed.Select(b => b.Key));
        Assert.Equal("inside", await store.ReadTextOrNullAsync("a/b.txt"));
    }

    [Fact]
    public async Task ReadReturnsTheBytesWrittenFromAStreamOfUnknownLength()
    {
        var store = s3.NewStore();
        var bytes = RandomNumberGenerator.GetBytes(6 * 1024 * 1024 + 17); // over 5 MiB: the SDK uploads it in parts

        await store.WriteAsync("big/model.onnx", new ForwardOnlyStream(bytes));
        using var read = new MemoryStream();
        await store.ReadAsync("big/model.onnx", read);

        Assert.Equal(SHA256.HashData(bytes), SHA256.HashData(read.ToArray()));
        Assert.Equal(bytes.Length, (await ListAsync(store, "big/")).Single().Size);
    }

    [Fact]
    public async Task ReadOfAMissingKeyThrowsBlobNotFoundNamingTheKey()
    {
        var store = s3.NewStore();

        var error = await Assert.ThrowsAsync<BlobNotFoundException>(() => store.ReadAsync("nope/MLmodel", Stream.Null));

        Assert.Equal("nope/MLmodel", error.Key);
        Assert.Null(await store.ReadTextOrNullAsync("nope/MLmodel"));
    }

    [Fact]
    public async Task ExistsAndDeleteFollowTheStoredObjects()
    {
        var store = s3.NewStore();
        await store.WriteTextAsync("x/aliases/champion", "3");

        var before = await store.ExistsAsync("x/aliases/champion");
        var otherKey = await store.ExistsAsync("x/aliases/challenger");
        await store.DeleteAsync("x/aliases/champion");

        Assert.True(before);
        Assert.False(otherKey);
        Assert.False(await store.ExistsAsync("x/aliases/champion"));
        Assert.Empty(await ListAsync(store, "x/"));
    }

    [Fact]
    public void RootNamesBucketAndPrefixButNeitherEndpointNorCredentials()
    {
        var store = new S3BlobStore("s3://models/prod/", s3.Settings with { SecretKey = "do-not-show-me" });

        Assert.Equal("s3://models/prod", store.Root);
        Assert.DoesNotContain("do-not-show-me", store.ToString());
        Assert.DoesNotContain(S3Server.AccessKey, store.Root);
    }

    private static async Task<List<BlobInfo>> ListAsync(IBlobStore store, string prefix)
    {
        var blobs = new List<BlobInfo>();
        await foreach (var blob in store.ListAsync(prefix)) blobs.Add(blob);
        return blobs;
    }
}
