namespace MlService.Api.Extensions;

public static class KestrelExtensions
{
    public const string DefaultUrl = "http://0.0.0.0:8080";

    /// <summary>Port 8080 unless ASPNETCORE_URLS / --urls says otherwise; no Server header.</summary>
    public static WebApplicationBuilder AddServiceKestrel(this WebApplicationBuilder builder)
    {
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["http_ports"]))
            builder.WebHost.UseUrls(DefaultUrl);
        builder.WebHost.ConfigureKestrel(o =>
        {
            o.AddServerHeader = false;
            // The prediction endpoints enforce MlService:Inference:MaxBodyBytes themselves with a precise 413.
            o.Limits.MaxRequestBodySize = null;
        });
        return builder;
    }
}
