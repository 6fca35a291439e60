using System.Text;
using MlService.LoadTest.Bodies;
using MlService.LoadTest.Http1;

namespace MlService.LoadTest.Tests.Http1;

public class Http1RequestSetTests
{
    [Fact]
    public void EachBodyBecomesOneCompleteRequestWithAClosingTwin()
    {
        var set = new Http1RequestSet(new Uri("http://127.0.0.1:8080/models/m/predict"), "application/json",
            [new RequestBody("{\"a\":1}"u8.ToArray(), 1), new RequestBody("[{},{}]"u8.ToArray(), 2)], closeVariants: true);

        var first = set.Next();
        var second = set.Next();

        Assert.Equal("POST /models/m/predict HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nContent-Type: application/json\r\nContent-Length: 7\r\n\r\n{\"a\":1}",
            Encoding.ASCII.GetString(first.KeepAlive));
        Assert.Equal("POST /models/m/predict HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nContent-Type: application/json\r\nContent-Length: 7\r\nConnection: close\r\n\r\n{\"a\":1}",
            Encoding.ASCII.GetString(first.Close));
        Assert.Equal((1, 2), (first.Rows, second.Rows));
        Assert.Same(first, set.Next()); // round-robin
    }

    [Theory]
    [InlineData("http://localhost/invocations?x=1", "POST /invocations?x=1 HTTP/1.1\r\nHost: localhost\r\n")]
    [InlineData("http://[::1]:9000/v2/models/m/infer", "POST /v2/models/m/infer HTTP/1.1\r\nHost: [::1]:9000\r\n")]
    public void TheRequestLineAndHostFollowTheUrl(string url, string expectedStart)
    {
        var set = new Http1RequestSet(new Uri(url), "application/json", [new RequestBody([], 1)], closeVariants: false);

        var request = set.Next();

        Assert.StartsWith(expectedStart, Encoding.ASCII.GetString(request.KeepAlive));
        Assert.Same(request.KeepAlive, request.Close);
    }
}
