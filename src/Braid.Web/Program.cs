using Braid.Data;
using Braid.Web.Directory;
using Braid.Web.Hsds;
using Braid.Web.Infrastructure;
using Microsoft.AspNetCore.Localization;
using System.Globalization;

var builder = WebApplication.CreateBuilder(args);

builder.Services.Configure<BraidOptions>(builder.Configuration.GetSection("Braid"));
var braid = builder.Configuration.GetSection("Braid").Get<BraidOptions>() ?? new BraidOptions();
var connectionString = BraidOptions.ConnectionString(builder.Configuration, braid);
builder.Services.AddDbContext<BraidDbContext>(o => o.Use(connectionString));
builder.Services.AddSingleton(braid.ClockStartsAt is { } startsAt ? new ShiftedTimeProvider(startsAt) : TimeProvider.System);
builder.Services.AddSingleton<DirectoryCatalog>();
builder.Services.AddProblemDetails();
builder.Services.AddOpenApi();
builder.Services.AddRazorPages();
builder.Services.Configure<RequestLocalizationOptions>(o =>
{
    CultureInfo[] cultures = [new("en"), new("es")];
    o.DefaultRequestCulture = new RequestCulture("en");
    o.SupportedCultures = cultures;
    o.SupportedUICultures = cultures;
    o.RequestCultureProviders.Insert(0, new QueryStringRequestCultureProvider { QueryStringKey = "lang", UIQueryStringKey = "lang" });
});

var app = builder.Build();

await DatabaseInitializer.InitializeAsync(app.Services);

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseRequestLocalization();
app.UseStaticFiles();
app.MapOpenApi();
app.MapDirectoryApi();
app.MapHsdsApi();
app.MapRazorPages();

app.Run();

/// <summary>The web host's entry point; public so tests can host it.</summary>
public partial class Program;
