using Microsoft.Net.Http.Headers;

namespace MlService.Api.Codecs.Mlflow;

/// <summary>
/// The content types MLflow's <c>/invocations</c> reads, checked as its scoring server checks them: JSON, or CSV as
/// <c>text/csv</c> (what MLflow's code matches) or <c>application/csv</c> (what MLflow's docs tell users to send);
/// a charset other than UTF-8 or any other parameter (1.x's <c>format=pandas-split</c>) is a 415.
/// </summary>
public static class MlflowContentType
{
    public const string Json = "application/json";
    public const string Csv = "text/csv";
    public const string CsvAlias = "application/csv";

    /// <summary>True for a CSV body, false for JSON; throws 415 for anything else.</summary>
    public static bool IsCsv(HttpRequest request)
    {
        // The usual headers without parsing them.
        if (string.Equals(request.ContentType, Json, StringComparison.OrdinalIgnoreCase)) return false;
        if (string.Equals(request.ContentType, Csv, StringComparison.OrdinalIgnoreCase)) return true;
        if (string.IsNullOrEmpty(request.ContentType) || !MediaTypeHeaderValue.TryParse(request.ContentType, out var media))
            throw Unsupported();
        var type = media.MediaType.Value?.ToLowerInvariant();
        if (type is not (Json or Csv or CsvAlias)) throw Unsupported();
        if (media.Charset.HasValue && !media.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) && !media.Charset.Equals("utf8", StringComparison.OrdinalIgnoreCase))
            throw new UnsupportedMediaTypeException("The scoring server only supports UTF-8");
        var unknown = media.Parameters.Where(p => !p.Name.Equals("charset", StringComparison.OrdinalIgnoreCase)).Select(p => p.Name.Value).ToList();
        if (unknown.Count > 0)
            throw new UnsupportedMediaTypeException(
                $"Unrecognized content type parameters: {string.Join(", ", unknown)}. {MlflowRequestDecoder.ProtocolChangeNotice}");
        return type is Csv or CsvAlias;
    }

    private static UnsupportedMediaTypeException Unsupported() =>
        new($"This predictor only supports the following content types: Types: {Csv}, {CsvAlias}, {Json}.");
}
