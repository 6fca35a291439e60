namespace MlService.LoadTest.Http1;

/// <summary>Where <see cref="Http1ResponseParser"/> stands after the bytes it was given.</summary>
public enum ParseStatus
{
    /// <summary>The response is not complete yet: read more bytes.</summary>
    NeedMore,

    /// <summary>One whole response (status line, headers, body) was read.</summary>
    Complete,
}
