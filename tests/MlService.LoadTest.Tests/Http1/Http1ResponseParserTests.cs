using System.Net.Http;
using MlService.LoadTest.Http1;

namespace MlService.LoadTest.Tests.Http1;

public class Http1ResponseParserTests
{
    private const string Ok = "HTTP/1.1 200 OK\r\n";

    /// <summary>Rule table of well-formed responses: raw text, then status, X-Served-By and whether the connection ends.</summary>
    public static TheoryData<string, string, int, string?, bool> Answers() => new()
    {
        { "content-length", Ok + "Content-Length: 2\r\nX-Served-By: pod-a\r\n\r\n{}", 200, "pod-a", false },
        { "names in any case", Ok + "content-LENGTH: 2\r\nx-served-by:pod-b \r\n\r\n{}", 200, "pod-b", false },
        { "no body", Ok + "Content-Length: 0\r\n\r\n", 200, null, false },
        { "error status with a body", "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 5\r\nRetry-After: 1\r\n\r\nbusy!", 503, null, false },
        { "status line without a reason", "HTTP/1.1 404\r\nContent-Length: 0\r\n\r\n", 404, null, false },
        { "204 has no body", "HTTP/1.1 204 No Content\r\nX-Served-By: p\r\n\r\n", 204, "p", false },
        { "chunked, extensions and trailers", Ok + "Transfer-Encoding: chunked\r\nX-SERVED-BY: pod-c\r\n\r\n4;name=value\r\nabcd\r\nA\r\n0123456789\r\n0;last\r\nTrailer-Field: x\r\n\r\n", 200, "pod-c", false },
        { "chunked wins over a content-length", Ok + "Content-Length: 99\r\nTransfer-Encoding: CHUNKED\r\n\r\n1\r\nx\r\n0\r\n\r\n", 200, null, false },
        { "connection: close", Ok + "Connection: close\r\nContent-Length: 2\r\n\r\n{}", 200, null, true },
        { "close among connection tokens", Ok + "Connection: keep-alive, Close\r\nContent-Length: 0\r\n\r\n", 200, null, true },
        { "HTTP/1.0 closes by default", "HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n", 200, null, true },
        { "HTTP/1.0 with keep-alive", "HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n", 200, null, false },
        { "interim 100 Continue is skipped", "HTTP/1.1 100 Continue\r\n\r\n" + Ok + "X-Served-By: pod-d\r\nContent-Length: 1\r\n\r\nx", 200, "pod-d", false },
        { "body read to the end of the connection", Ok + "X-Served-By: pod-e\r\n\r\nall of this is body", 200, "pod-e", true },
    };

    /// <summary>Rule table of broken responses: raw text, then the failure kind the report shows.</summary>
    public static TheoryData<string, string, HttpRequestError> Faults() => new()
    {
        { "nothing at all", "", HttpRequestError.ResponseEnded },
        { "body cut short", Ok + "Content-Length: 10\r\n\r\nabc", HttpRequestError.ResponseEnded },
        { "head cut short", Ok + "Content-Le", HttpRequestError.ResponseEnded },
        { "chunked body cut short", Ok + "Transfer-Encoding: chunked\r\n\r\n5\r\nab", HttpRequestError.ResponseEnded },
        { "not HTTP", "SSH-2.0-OpenSSH_9.2\r\n\r\n", HttpRequestError.InvalidResponse },
        { "missing status", "HTTP/1.1 \r\nContent-Length: 0\r\n\r\n", HttpRequestError.InvalidResponse },
        { "status not a number", "HTTP/1.1 2x0 OK\r\nContent-Length: 0\r\n\r\n", HttpRequestError.InvalidResponse },
        { "status out of range", "HTTP/1.1 700 Odd\r\nContent-Length: 0\r\n\r\n", HttpRequestError.InvalidResponse },
        { "HTTP/2 text", "HTTP/2 200\r\n\r\n", HttpRequestError.InvalidResponse },
        { "bare LF line ends", "HTTP/1.1 200 OK\nContent-Length: 0\n\n", HttpRequestError.InvalidResponse },
        { "invalid content-length", Ok + "Content-Length: twelve\r\n\r\n", HttpRequestError.InvalidResponse },
        { "negative content-length", Ok + "Content-Length: -1\r\n\r\n", HttpRequestError.InvalidResponse },
        { "conflicting content-lengths", Ok + "Content-Length: 1\r\nContent-Length: 2\r\n\r\nxx", HttpRequestError.InvalidResponse },
        { "header without a name", Ok + ": value\r\n\r\n", HttpRequestError.InvalidResponse },
        { "folded header line", Ok + "X-Served-By: a\r\n  folded\r\nContent-Length: 0\r\n\r\n", HttpRequestError.InvalidResponse },
        { "unsupported transfer-encoding", Ok + "Transfer-Encoding: gzip\r\n\r\n", HttpRequestError.InvalidResponse },
        { "invalid chunk size", Ok + "Transfer-Encoding: chunked\r\n\r\nzz\r\n", HttpRequestError.InvalidResponse },
        { "chunk longer than its size", Ok + "Transfer-Encoding: chunked\r\n\r\n1\r\nxy\r\n0\r\n\r\n", HttpRequestError.InvalidResponse },
        { "switching protocols", "HTTP/1.1 101 Switching Protocols\r\n\r\n", HttpRequestError.InvalidResponse },
        { "one header line over the limit", Ok + "X-Big: " + new string('a', 70_000) + "\r\n\r\n", HttpRequestError.ConfigurationLimitExceeded },
        { "many header lines over the limit", Ok + string.Concat(Enumerable.Repeat("X-Many: " + new string('b', 100) + "\r\n", 700)) + "\r\n", HttpRequestError.ConfigurationLimitExceeded },
    };

    [Theory]
    [MemberData(nameof(Answers))]
    public async Task WellFormedResponsesAreReadWholeAndAlikeInAnySplit(string rule, string raw, int status, string? servedBy, bool close)
    {
        foreach (var chunk in new[] { int.MaxValue, 1, 7 })
        {
            var response = await new Http1ResponseReader(new ScriptedByteSource(raw, chunk), initialBufferSize: 16).ReadAsync();

            Assert.True(new Http1Response(status, servedBy, close) == response, $"{rule}, reads of {chunk} bytes: {response}");
        }
    }

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task BrokenResponsesFailWithTheKindHttpClientGivesThem(string rule, string raw, HttpRequestError kind)
    {
        foreach (var chunk in new[] { int.MaxValue, 1, 7 })
        {
            var reader = new Http1ResponseReader(new ScriptedByteSource(raw, chunk), initialBufferSize: 16);

            var fault = await Assert.ThrowsAsync<HttpRequestException>(async () => await reader.ReadAsync());

            Assert.True(kind == fault.HttpRequestError, $"{rule}, reads of {chunk} bytes: {fault.HttpRequestError} ({fault.Message})");
        }
    }

    [Fact]
    public async Task ResponsesFollowOneAnotherOnAKeptAliveConnectionAndShareTheServedByString()
    {
        var raw = Ok + "Content-Length: 2\r\nX-Served-By: pod-a\r\n\r\n{}" + Ok + "Transfer-Encoding: chunked\r\nX-Served-By: pod-a\r\n\r\n2\r\n{}\r\n0\r\n\r\n"
                  + "HTTP/1.1 500 Internal Server Error\r\nX-Served-By: pod-b\r\nConnection: close\r\nContent-Length: 0\r\n\r\n";
        var reader = new Http1ResponseReader(new ScriptedByteSource(raw, chunk: 1));

        var first = await reader.ReadAsync();
        var second = await reader.ReadAsync();
        var third = await reader.ReadAsync();

        Assert.Equal((new Http1Response(200, "pod-a", false), new Http1Response(200, "pod-a", false), new Http1Response(500, "pod-b", true)), (first, second, third));
        Assert.Same(first.ServedBy, second.ServedBy);
    }

    [Fact]
    public async Task BytesAfterAResponseMeanTheConnectionIsNotReused()
    {
        var reader = new Http1ResponseReader(new ScriptedByteSource(Ok + "Content-Length: 0\r\n\r\nunasked", int.MaxValue));

        var response = await reader.ReadAsync();

        Assert.Equal(new Http1Response(200, null, ConnectionClose: true), response);
    }
}
