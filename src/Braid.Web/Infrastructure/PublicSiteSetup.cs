using Microsoft.AspNetCore.HostFiltering;

namespace Braid.Web.Infrastructure;

/// <summary>Registers the <see cref="PublicSite"/> from configuration.</summary>
public static class PublicSiteSetup
{
    /// <summary>Where <c>dotnet run</c> serves in development (Properties/launchSettings.json).</summary>
    public static readonly Uri DevelopmentDefault = new("http://localhost:5080");

    /// <summary>
    /// Registers the site from <c>Braid:PublicBaseUrl</c>; outside development it is required, and
    /// when <c>AllowedHosts</c> is left at <c>*</c> only its host is allowed.
    /// </summary>
    public static void AddPublicSite(this IServiceCollection services, string? configured, IHostEnvironment environment)
    {
        Uri baseUrl;
        if (string.IsNullOrWhiteSpace(configured))
        {
            baseUrl = environment.IsDevelopment()
                ? DevelopmentDefault
                : throw new InvalidOperationException("Braid:PublicBaseUrl is not set. Outside development, set it to the address people reach Braid at " +
                                                      "(e.g. --Braid:PublicBaseUrl=https://braid.example.org): emailed links are built from it.");
        }
        else if (!Uri.TryCreate(configured.Trim(), UriKind.Absolute, out baseUrl!) || baseUrl.Scheme is not ("http" or "https"))
        {
            throw new InvalidOperationException($"Braid:PublicBaseUrl must be an absolute http(s) address; got '{configured}'.");
        }

        var site = new PublicSite(baseUrl);
        services.AddSingleton(site);
        if (!environment.IsDevelopment())
        {
            services.PostConfigure<HostFilteringOptions>(o =>
            {
                if (o.AllowedHosts is not { Count: > 0 } || o.AllowedHosts.Contains("*")) o.AllowedHosts = [site.BaseUrl.Host];
            });
        }
    }

    /// <summary>
    /// When people reach Braid at an https:// address, every request is taken as HTTPS: it came
    /// through the TLS terminator in front, even when that proxy is not among the trusted ones whose
    /// X-Forwarded-Proto is believed. So cookies are Secure and HSTS is sent whatever the hop behind it.
    /// </summary>
    public static IApplicationBuilder UsePublicScheme(this IApplicationBuilder app)
    {
        if (app.ApplicationServices.GetRequiredService<PublicSite>().BaseUrl.Scheme != Uri.UriSchemeHttps) return app;
        return app.Use((context, next) =>
        {
            context.Request.Scheme = Uri.UriSchemeHttps;
            return next(context);
        });
    }
}
