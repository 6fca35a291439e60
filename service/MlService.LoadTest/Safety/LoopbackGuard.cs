using System.Net.Sockets;

namespace MlService.LoadTest.Safety;

/// <summary>
/// Safety catch of a tool that generates load: the target must resolve only to loopback addresses
/// (127.0.0.0/8, ::1) unless --allow-remote is given. Every resolved address is checked, so a name that
/// resolves to loopback and to a remote host is refused. The resolver is injected so tests never use DNS.
/// </summary>
public sealed class LoopbackGuard(Func<string, CancellationToken, Task<IPAddress[]>> resolve)
{
    public static LoopbackGuard WithDns() => new((host, ct) => Dns.GetHostAddressesAsync(host, ct));

    /// <summary>Null when the target may be loaded, otherwise the reason it is refused.</summary>
    public async Task<string?> CheckAsync(Uri target, bool allowRemote, CancellationToken cancellation)
    {
        if (allowRemote) return null;
        var host = target.IdnHost.Trim('[', ']');
        IPAddress[] addresses;
        if (IPAddress.TryParse(host, out var literal)) addresses = [literal];
        else
        {
            try { addresses = await resolve(host, cancellation); }
            catch (SocketException e) { return $"cannot resolve '{host}': {e.Message}"; }
        }
        if (addresses.Length == 0) return $"'{host}' resolves to no address.";
        var remote = addresses.Where(a => !IsLoopback(a)).ToArray();
        return remote.Length == 0
            ? null
            : $"refusing to load '{host}' ({string.Join(", ", remote.Select(a => a.ToString()))} is not loopback); pass --allow-remote to load a remote target.";
    }

    public static bool IsLoopback(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        return address.AddressFamily == AddressFamily.InterNetwork
            ? address.GetAddressBytes()[0] == 127
            : address.Equals(IPAddress.IPv6Loopback);
    }
}
