namespace MlService.LoadTest.Http1;

/// <summary>
/// One request's complete bytes, built before the run: request line, Host, Content-Type, Content-Length and the
/// body, once as it is sent on a kept-alive connection and once with <c>Connection: close</c>
/// (--new-connection-every); and how many rows the body carries.
/// </summary>
public sealed record Http1Request(byte[] KeepAlive, byte[] Close, int Rows);
