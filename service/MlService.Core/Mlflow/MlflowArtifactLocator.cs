using MlService.Core.Stores;
using MlService.Core.Stores.S3;

namespace MlService.Core.Mlflow;

/// <summary>
/// Maps an artifact location MLflow hands out (a run's <c>artifact_uri</c>, a version's download URI) to a blob store
/// and key prefix: <c>mlflow-artifacts:/</c> and http(s) proxy URLs to the tracking server's artifacts proxy,
/// <c>s3://</c> to S3 with the configured S3 settings, paths and <c>file://</c> to the local disk.
/// </summary>
public sealed class MlflowArtifactLocator(MlflowRestClient rest, BlobStoreFactory stores)
{
    private const string ProxyPath = "/api/2.0/mlflow-artifacts/artifacts/";
    private readonly MlflowArtifactStore _proxy = new(rest);

    /// <summary>The blob store and key prefix behind an artifact location MLflow gave.</summary>
    public (IBlobStore Store, string Prefix) Locate(string location)
    {
        if (location.StartsWith("mlflow-artifacts:", StringComparison.Ordinal))
        {
            // mlflow-artifacts:/path, or mlflow-artifacts://host:port/path: the proxy of the tracking server in use.
            var path = location["mlflow-artifacts:".Length..];
            if (path.StartsWith("//", StringComparison.Ordinal))
            {
                var afterHost = path.IndexOf('/', 2);
                path = afterHost < 0 ? "" : path[afterHost..];
            }
            return (_proxy, path.TrimStart('/'));
        }
        if ((location.StartsWith("http://", StringComparison.Ordinal) || location.StartsWith("https://", StringComparison.Ordinal))
            && location.IndexOf(ProxyPath, StringComparison.Ordinal) is var proxyAt and >= 0)
            return (_proxy, Uri.UnescapeDataString(location[(proxyAt + ProxyPath.Length)..]));
        if (S3Location.IsS3(location))
        {
            var bucketAndKey = location["s3://".Length..];
            var slash = bucketAndKey.IndexOf('/');
            return (stores.Open("s3://" + (slash < 0 ? bucketAndKey : bucketAndKey[..slash])), slash < 0 ? "" : bucketAndKey[(slash + 1)..]);
        }
        if (location.StartsWith("file://", StringComparison.Ordinal) || Path.IsPathRooted(location))
            return (stores.Open(location), "");
        throw new ModelLoadException($"MLflow at {rest.TrackingUri} names the artifact location '{location}', which this service cannot reach; " +
            "supported: s3://, mlflow-artifacts:/ (the tracking server's artifacts proxy), http(s) proxy URLs and local paths");
    }
}
