using System.Security.Claims;
using System.Threading.RateLimiting;
using Braid.Data;
using Braid.Data.Audit;
using Braid.Web.Infrastructure;
using Braid.Web.Localization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.HttpOverrides;

namespace Braid.Web.Access;

/// <summary>Sign-in, authorization, audit and the protections every response carries.</summary>
public static class AccessSetup
{
    private const string SignedInScheme = "Braid";

    /// <summary>The people's own portal (<c>/me</c>) signs in with a cookie of its own: a person's session and a staff member's never mix.</summary>
    public const string PersonScheme = "BraidPerson";

    /// <summary>Claims of a portal session: the person, the account's contact and its session stamp; or, halfway through signing up, the verified sign-up code.</summary>
    public const string PersonClaim = "braid:person", ContactClaim = "braid:contact", StampClaim = "braid:stamp", SignUpClaim = "braid:sign-up";

    /// <summary>Forms and endpoints that take a password or secret.</summary>
    private static readonly HashSet<string> RateLimitedPaths = new(StringComparer.OrdinalIgnoreCase)
    {
        "/account/sign-in", "/account/forgot-password", "/account/reset-password", "/oauth/token", "/me/sign-in", "/me/code", "/me/welcome",
    };

    /// <summary>
    /// Identity, the cookie and bearer schemes, anti-forgery and the rate limit, from the options
    /// (<see cref="BraidOptions.SecretFormsPerMinute"/>, <see cref="BraidOptions.TrustedProxies"/>).
    /// </summary>
    public static IServiceCollection AddBraidAccess(this IServiceCollection services, BraidOptions braid)
    {
        services.AddHttpContextAccessor();
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            // ASP.NET Core believes any loopback peer by default, and every peer once its lists are emptied:
            // a client on the same host could then choose the address the rate limit and the audit trail see.
            // So the headers are read only from the proxies configured, and not at all when there are none.
            o.KnownIPNetworks.Clear();
            o.KnownProxies.Clear();
            foreach (var proxy in braid.TrustedProxies)
            {
                o.KnownProxies.Add(System.Net.IPAddress.TryParse(proxy, out var address) ? address
                    : throw new InvalidOperationException($"Braid:TrustedProxies: '{proxy}' is not an IP address."));
            }

            o.ForwardedHeaders = o.KnownProxies.Count > 0 ? ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto : ForwardedHeaders.None;
        });
        services.AddIdentityCore<BraidUser>(o =>
            {
                o.Password.RequiredLength = 12;
                o.User.RequireUniqueEmail = true;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddEntityFrameworkStores<BraidDbContext>()
            .AddErrorDescriber<IdentityErrorTexts>()
            .AddClaimsPrincipalFactory<SignInClaimsFactory>()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddTokenProvider<OneTimeAuthenticatorTokenProvider>(TokenOptions.DefaultAuthenticatorProvider);
        // Pages sign in with a cookie; API clients send a bearer token, to the APIs only: the staff
        // pages are for people, so there a bearer header is ignored. One policy scheme picks per request.
        services.AddAuthentication(SignedInScheme)
            .AddPolicyScheme(SignedInScheme, "Cookie or bearer token", o => o.ForwardDefaultSelector = context =>
                HasBearer(context.Request) && IsApi(context.Request.Path) ? BearerTokenHandler.SchemeName
                : context.Request.Path.StartsWithSegments("/me") ? PersonScheme
                : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(BearerTokenHandler.SchemeName, null)
            .AddCookie(PersonScheme, o =>
            {
                SessionCookie(o, "braid.person", TimeSpan.FromHours(1));
                o.LoginPath = "/me/sign-in";
                o.AccessDeniedPath = "/me/sign-in";
                o.Cookie.Path = "/me";
                // Each request checks the account still has the session's stamp: signing out ends every session at once.
                o.Events.OnValidatePrincipal = async context =>
                {
                    if (context.Principal?.FindFirstValue(PersonClaim) is not { } person) return;
                    var stillOpen = await context.HttpContext.RequestServices.GetRequiredService<Braid.Application.People.PersonPortal>()
                        .SessionPersonAsync(context.Principal.FindFirstValue(ContactClaim) ?? "", context.Principal.FindFirstValue(StampClaim) ?? "", context.HttpContext.RequestAborted);
                    if (stillOpen == person) return;
                    context.RejectPrincipal();
                    await context.HttpContext.SignOutAsync(PersonScheme);
                };
            })
            .AddIdentityCookies();
        // Each request re-checks the account's security stamp: signing out, a password reset or a
        // new second step ends sessions at once, not at the next half-hourly check.
        services.Configure<SecurityStampValidatorOptions>(o =>
        {
            o.ValidationInterval = TimeSpan.Zero;
            // The check rebuilds the principal (with a new sign-in claim); the sign-in it belongs to stays the same.
            o.OnRefreshingPrincipal = context =>
            {
                if (context.CurrentPrincipal?.FindFirst(MembershipCache.SignInClaim) is { } signIn && context.NewPrincipal?.Identity is ClaimsIdentity identity)
                {
                    foreach (var fresh in identity.FindAll(MembershipCache.SignInClaim).ToList()) identity.RemoveClaim(fresh);
                    identity.AddClaim(new Claim(MembershipCache.SignInClaim, signIn.Value));
                }

                return Task.CompletedTask;
            };
        });
        services.ConfigureApplicationCookie(o =>
        {
            SessionCookie(o, "braid.auth", TimeSpan.FromHours(8));
            o.LoginPath = "/account/sign-in";
            o.LogoutPath = "/account/sign-out";
            o.AccessDeniedPath = "/account/denied";
            // APIs answer 401/403 instead of redirecting to the sign-in page.
            o.Events.OnRedirectToLogin = context => ApiOrRedirect(context, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = context => ApiOrRedirect(context, StatusCodes.Status403Forbidden);
        });
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "braid.csrf";
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        services.AddAuthorization();
        services.AddMemoryCache();
        services.AddSingleton<MembershipCache>();
        services.AddScoped<HttpCaller>();
        services.AddScoped<ICaller>(sp => sp.GetRequiredService<HttpCaller>());
        services.AddSingleton<OutboxEmailSender>();
        services.AddSingleton<IEmailSender<BraidUser>>(sp => sp.GetRequiredService<OutboxEmailSender>());
        services.AddSingleton<IMailer>(sp => sp.GetRequiredService<OutboxEmailSender>());
        services.AddSingleton<ISmsSender>(sp => sp.GetRequiredService<OutboxEmailSender>());
        // Password and secret guessing is slowed per client address and form, on top of the per-account lockout.
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // The refusal says when to come back (the window's end), as RFC 9110 asks of a 429.
            o.OnRejected = async (rejected, _) =>
            {
                var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? Math.Max(1, (int)Math.Ceiling(after.TotalSeconds)) : 60;
                var http = rejected.HttpContext;
                http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                var texts = http.RequestServices.GetRequiredService<Texts>();
                await http.RequestServices.GetRequiredService<IProblemDetailsService>().TryWriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails = new ProblemDetails { Status = StatusCodes.Status429TooManyRequests, Title = texts["problem-rate-limited"], Detail = texts["problem-rate-limited-detail", seconds] },
                });
            };
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                HttpMethods.IsPost(context.Request.Method) && RateLimitedPaths.Contains(context.Request.Path.Value ?? "")
                    ? RateLimitPartition.GetFixedWindowLimiter($"{context.Connection.RemoteIpAddress} {context.Request.Path}",
                        _ => new FixedWindowRateLimiterOptions { PermitLimit = braid.SecretFormsPerMinute, Window = TimeSpan.FromMinutes(1) })
                    : RateLimitPartition.GetNoLimiter(""));
        });
        return services;
    }

    /// <summary>What staff and people sessions share: a cookie scripts cannot read, sent on same-site navigation, sliding.</summary>
    private static void SessionCookie(Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions o, string name, TimeSpan lifetime)
    {
        o.Cookie.Name = name;
        o.Cookie.HttpOnly = true;
        o.Cookie.SameSite = SameSiteMode.Lax;
        // Secure whenever the request is HTTPS: behind a TLS-terminating proxy, a trusted one's
        // X-Forwarded-Proto or an https:// public address makes it so (see UsePublicScheme).
        o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        o.ExpireTimeSpan = lifetime;
        o.SlidingExpiration = true;
    }

    /// <summary>A request that presents a bearer token that is not valid is refused outright, even where reading would be public.</summary>
    public static IApplicationBuilder UseBearerRejection(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (HasBearer(context.Request) && IsApi(context.Request.Path) && context.User.FindFirst(BearerTokenHandler.ClientClaim) is null)
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
            await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = { Status = 401, Title = "Invalid token", Detail = "The bearer token is unknown, expired or revoked; get a new one from /oauth/token." },
            });
            return;
        }

        await next();
    });

    private static bool HasBearer(HttpRequest request) => request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);

    /// <summary>The machine-facing part of Braid: answered with status codes, reached with bearer tokens.</summary>
    private static bool IsApi(PathString path) =>
        path.StartsWithSegments("/api") || path.StartsWithSegments("/hsds") || path.StartsWithSegments("/fhir") || path.StartsWithSegments("/oauth") || path.StartsWithSegments("/openapi");

    private static Task ApiOrRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        if (IsApi(context.Request.Path))
        {
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// A strict content security policy (no inline script or style: the pages have none), no
    /// framing, no referrer leaving the site, no MIME sniffing.
    /// </summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        // Set as the response starts: the exception handler clears the headers of a failed response.
        context.Response.OnStarting(() =>
        {
            AddSecurityHeaders(context.Response.Headers);
            return Task.CompletedTask;
        });
        await next();
    });

    private static void AddSecurityHeaders(IHeaderDictionary headers)
    {
        headers.ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
    }
}
