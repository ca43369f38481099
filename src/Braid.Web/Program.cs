using System.Globalization;
using Braid.Application.Directory;
using Braid.Data;
using Braid.Web.Directory;
using Braid.Web.Equity;
using Braid.Web.Fhir;
using Braid.Web.Hsds;
using Braid.Web.Listings;
using Braid.Web.Notifications;
using Braid.Web.Portal;
using Microsoft.AspNetCore.Localization;

var builder = WebApplication.CreateBuilder(args);

builder.Services.Configure<BraidOptions>(builder.Configuration.GetSection("Braid"));
var braid = builder.Configuration.GetSection("Braid").Get<BraidOptions>() ?? new BraidOptions();
var connectionString = BraidOptions.ConnectionString(builder.Configuration, braid);
builder.Services.AddDbContext<BraidDbContext>(o => o.Use(connectionString));
builder.Services.AddSingleton(braid.ClockStartsAt is { } startsAt ? new ShiftedTimeProvider(startsAt) : TimeProvider.System);
builder.Services.AddPublicSite(braid.PublicBaseUrl, builder.Environment);
builder.Services.AddSingleton(sp => ActivatorUtilities.CreateInstance<SearchDirectory>(sp, braid.Community));
builder.Services.AddBraidUseCases();
builder.Services.AddBraidHealth();
builder.Services.AddBraidAccess(braid);
builder.Services.AddHttpClient(OutboxDispatcher.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(10));
builder.Services.AddHostedService<OutboxDispatcher>();
builder.Services.AddSingleton<ReferralReminders>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<ReferralReminders>());
builder.Services.AddSingleton<AuditCheckpoints>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<AuditCheckpoints>());
builder.Services.AddExceptionHandler<AccessDeniedHandler>();
builder.Services.AddExceptionHandler<InputErrorHandler>();
// Unreadable bodies throw in every environment, so InputErrorHandler answers them alike with problem details.
builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = c => c.ProblemDetails.Extensions["correlationId"] = CorrelationId.Of(c.HttpContext));
// Log lines carry their request's correlation id (a scope); outside development, one JSON object per line for the log collector.
if (builder.Environment.IsDevelopment()) builder.Logging.AddSimpleConsole(o => o.IncludeScopes = true);
else builder.Logging.ClearProviders().AddJsonConsole(o => o.IncludeScopes = true);
// On SIGTERM the server stops taking connections and lets requests in flight finish, for as long as this.
builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(braid.ShutdownSeconds));
builder.WebHost.ConfigureKestrel(o => o.Limits.MaxRequestBodySize = 4 * 1024 * 1024);
builder.Services.AddOpenApi();
builder.Services.AddLocalization();
builder.Services.AddSingleton<Texts>();
builder.Services.AddRazorPages().AddMvcOptions(o => o.Filters.Add<RequiredPermissionPageFilter>());
builder.Services.Configure<RequestLocalizationOptions>(o =>
{
    CultureInfo[] cultures = [.. Texts.Languages.Select(l => new CultureInfo(l))];
    o.DefaultRequestCulture = new RequestCulture("en");
    o.SupportedCultures = cultures;
    o.SupportedUICultures = cultures;
    o.RequestCultureProviders.Insert(0, new QueryStringRequestCultureProvider { QueryStringKey = "lang", UIQueryStringKey = "lang" });
});

var app = builder.Build();

await DatabaseInitializer.InitializeAsync(app.Services);

app.UseCorrelationId();
app.UseSecurityHeaders();
app.UseForwardedHeaders();
app.UsePublicScheme();
// An exception a handler answered (a refusal, bad input) is not logged as an unhandled error; one nothing answered still is.
app.UseExceptionHandler(new ExceptionHandlerOptions { SuppressDiagnosticsCallback = c => c.ExceptionHandledBy == Microsoft.AspNetCore.Diagnostics.ExceptionHandledType.ExceptionHandlerService });
app.UseStatusCodePages();
if (!app.Environment.IsDevelopment()) app.UseHsts();
app.UseRequestLocalization();
app.UseNulRefusal();
app.UseStaticFiles();
app.UseAuthentication();
app.UseBearerRejection();
app.UseAuthorization();
app.UseRateLimiter();
app.MapOpenApi().AllowEveryone();
app.MapBraidHealth();
app.MapDirectoryApi();
app.MapHsdsApi();
app.MapClientsApi();
app.MapAuditApi();
app.MapListingsApi();
app.MapEquityApi();
app.MapFhirApi();
app.MapPortalApi();
app.MapRazorPages();

app.Run();

/// <summary>The web host's entry point; public so tests can host it.</summary>
public partial class Program;
