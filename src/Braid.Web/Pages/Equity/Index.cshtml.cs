using Braid.Application.Equity;
using Braid.Core.Equity;
using Braid.Interop.Equity;
using Microsoft.AspNetCore.Html;

namespace Braid.Web.Pages.Equity;

/// <summary>
/// Analysts run an equity report on the demo outcomes, on the imported neighbourhood context
/// (e.g. life expectancy by HOLC grade), or on a CSV they upload; the report renders with its charts.
/// </summary>
[RequiredPermission(Permission.EquityReport)]
public sealed class IndexModel(RunEquityReport reports, Texts texts) : PageModel
{
    [BindProperty(SupportsGet = true)] public EquitySource? Source { get; set; }
    [BindProperty(SupportsGet = true)] public string? Outcome { get; set; }
    [BindProperty(SupportsGet = true)] public string? By { get; set; }
    [BindProperty(SupportsGet = true)] public string? Adjust { get; set; }
    [BindProperty(SupportsGet = true)] public string? Exposure { get; set; }
    [BindProperty(SupportsGet = true)] public string? Population { get; set; }
    [BindProperty(SupportsGet = true)] public string? Order { get; set; }
    [BindProperty(SupportsGet = true)] public string? Reference { get; set; }
    [BindProperty(SupportsGet = true)] public bool Adverse { get; set; }
    [BindProperty(SupportsGet = true)] public string? Period { get; set; }
    [BindProperty(SupportsGet = true)] public string? Per { get; set; }
    [BindProperty(SupportsGet = true)] public bool Context { get; set; }
    [BindProperty] public IFormFile? Data { get; set; }

    /// <summary>The report as its Razor components rendered it (encoded by them, not by hand).</summary>
    public HtmlString? Report { get; private set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Source is EquitySource.Demo or EquitySource.Context) await RunAsync(null, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Data is null || Data.Length == 0)
        {
            Error = texts["equity-choose-file"];
            return Page();
        }

        Source = EquitySource.Upload;
        using var reader = new StreamReader(Data.OpenReadStream());
        try
        {
            await RunAsync(EquityCsv.Read(reader), ct);
        }
        catch (EquityInputException e)
        {
            Error = e.Message;
        }

        return Page();
    }

    private async Task RunAsync(EquityTable? upload, CancellationToken ct)
    {
        static List<string> List(string? s) => s is null ? [] : [.. s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
        try
        {
            var request = new EquityRequest
            {
                Outcome = Outcome, By = By ?? "", Adjust = List(Adjust), Exposure = Exposure, Population = Population,
                Order = Order is { Length: > 0 } ? List(Order) : null, Reference = string.IsNullOrWhiteSpace(Reference) ? null : Reference,
                Favourable = Adverse ? false : null, Period = Period, Per = Per,
            };
            var report = await reports.RunAsync(Source ?? EquitySource.Upload, upload, request, Context, ct);
            Report = new HtmlString(await EquityHtml.FragmentAsync(report, HttpContext.RequestServices));
        }
        catch (EquityInputException e)
        {
            Error = e.Message;
        }
    }
}
