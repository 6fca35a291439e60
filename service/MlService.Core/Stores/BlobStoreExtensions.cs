using System.Text;

namespace MlService.Core.Stores;

public static class BlobStoreExtensions
{
    public static async Task<string?> ReadTextOrNullAsync(this IBlobStore store, string key, CancellationToken ct = default)
    {
        using var buffer = new MemoryStream();
        try
        {
            await store.ReadAsync(key, buffer, ct);
        }
        catch (BlobNotFoundException)
        {
            return null;
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static async Task WriteTextAsync(this IBlobStore store, string key, string text, CancellationToken ct = default)
    {
        using var content = new MemoryStream(Encoding.UTF8.GetBytes(text));
        await store.WriteAsync(key, content, ct);
    }
}
