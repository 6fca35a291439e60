namespace MlService.Deploy.Tests.Infrastructure;

/// <summary>How the checks tell our own image (server, trainer, load tool) from third-party ones.</summary>
public static class Images
{
    public const string LocalDevImage = "mlservice:dev";

    public static bool IsService(string image) => Repository(image).Split('/')[^1] == "mlservice";

    /// <summary>The container runs the HTTP server (the image's default command), not the trainer or load tool.</summary>
    public static bool IsServer(V1Container c) =>
        IsService(c.Image) && c.Command is null && (c.Args is null || c.Args[0] == "MlService.Api.dll");

    public static string Repository(string image)
    {
        var lastSlash = image.LastIndexOf('/');
        var colon = image.IndexOf(':', lastSlash + 1);
        return colon < 0 ? image : image[..colon];
    }

    public static string? Tag(string image)
    {
        var lastSlash = image.LastIndexOf('/');
        var colon = image.IndexOf(':', lastSlash + 1);
        return colon < 0 ? null : image[(colon + 1)..];
    }
}
