using System.Text.RegularExpressions;

namespace MlService.Core.Stores.S3;

/// <summary>
/// A bucket and a key prefix parsed from <c>s3://bucket/prefix</c>. The prefix is empty or ends with '/', so
/// keys relative to the location are appended as they are.
/// </summary>
public sealed partial record S3Location(string Bucket, string Prefix)
{
    public const string Scheme = "s3://";

    public static bool IsS3(string root) => root.StartsWith(Scheme, StringComparison.Ordinal);

    public static S3Location Parse(string uri)
    {
        if (!IsS3(uri)) throw new FormatException($"'{uri}' is not an s3:// URI");
        var rest = uri[Scheme.Length..];
        var slash = rest.IndexOf('/');
        var bucket = slash < 0 ? rest : rest[..slash];
        if (!BucketName().IsMatch(bucket))
            throw new FormatException($"'{uri}' has no valid bucket name: use s3://bucket/prefix with a 3-63 character lowercase bucket");
        var prefix = slash < 0 ? "" : rest[(slash + 1)..].TrimEnd('/');
        if (prefix.StartsWith('/') || prefix.Contains("//", StringComparison.Ordinal))
            throw new FormatException($"'{uri}' has an empty path segment");
        return new S3Location(bucket, prefix.Length == 0 ? "" : prefix + "/");
    }

    /// <summary>The object key of <paramref name="relativeKey"/> under this location.</summary>
    public string KeyOf(string relativeKey) => Prefix + relativeKey;

    /// <summary>The key relative to this location (the inverse of <see cref="KeyOf"/>).</summary>
    public string RelativeKey(string objectKey) =>
        objectKey.StartsWith(Prefix, StringComparison.Ordinal) ? objectKey[Prefix.Length..] : objectKey;

    /// <summary>Only bucket and prefix: never an endpoint or credentials.</summary>
    public override string ToString() => $"{Scheme}{Bucket}/{Prefix}".TrimEnd('/');

    [GeneratedRegex(@"^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")]
    private static partial Regex BucketName();
}
