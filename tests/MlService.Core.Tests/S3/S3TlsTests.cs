using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Minio.DataModel.Args;

namespace MlService.Core.Tests.S3;

/// <summary>
/// MLFLOW_S3_IGNORE_TLS against an https s3rver with a self-signed certificate: refused by default, accepted
/// only when the setting is on.
/// </summary>
public sealed class S3TlsTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"mlservice-s3rver-tls-{Guid.NewGuid():N}");
    private S3rverProcess _server = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.Combine(_directory, "data"));
        var (certificate, key) = WriteSelfSignedCertificate();
        _server = await S3rverProcess.StartAsync(Path.Combine(_directory, "data"), (certificate, key));
    }

    [Fact]
    public async Task ASelfSignedEndpointIsRefusedUnlessIgnoreTlsIsSet()
    {
        var store = new S3BlobStore("s3://models/prod", Settings(ignoreTls: false));

        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => store.ExistsAsync("heart-disease/1/MLmodel"));

        Assert.Contains(_server.EndpointUrl, error.Message);
        Assert.Contains("certificate", error.Message);
    }

    [Fact]
    public async Task WithIgnoreTlsTheSelfSignedEndpointServesTheStore()
    {
        var connection = S3Connection.Create(Settings(ignoreTls: true));
        await connection.Client.MakeBucketAsync(new MakeBucketArgs().WithBucket("models"));
        var store = new S3BlobStore(S3Location.Parse("s3://models/prod"), connection);

        await store.WriteTextAsync("heart-disease/aliases/champion", "4");

        Assert.Equal("4", await store.ReadTextOrNullAsync("heart-disease/aliases/champion"));
        Assert.True(await store.ExistsAsync("heart-disease/aliases/champion"));
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    private S3Settings Settings(bool ignoreTls) => new()
    {
        EndpointUrl = _server.EndpointUrl,
        AccessKey = S3Server.AccessKey,
        SecretKey = S3Server.SecretKey,
        IgnoreTls = ignoreTls,
        ConnectTimeoutSeconds = 5,
        RequestTimeoutSeconds = 10,
    };

    private (string Certificate, string Key) WriteSelfSignedCertificate()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        var certificateFile = Path.Combine(_directory, "cert.pem");
        var keyFile = Path.Combine(_directory, "key.pem");
        File.WriteAllText(certificateFile, certificate.ExportCertificatePem());
        File.WriteAllText(keyFile, rsa.ExportPkcs8PrivateKeyPem());
        return (certificateFile, keyFile);
    }
}
