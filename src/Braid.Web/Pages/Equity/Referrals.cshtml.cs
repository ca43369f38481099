using Braid.Application.Equity;
using Braid.Core.Equity;
using Braid.Interop.Equity;
using Microsoft.AspNetCore.Html;

namespace Braid.Web.Pages.Equity;

/// <summary>The analysts' referral dashboard: the community's stored referrals, each measure by one grouping through the equity engine.</summary>
[RequiredPermission(Permission.EquityReport)]
public sealed class ReferralsModel(ReferralDashboard dashboard) : PageModel
{
    [BindProperty(SupportsGet = true)] public string By { get; set; } = "race";

    /// <summary>Each measure's report as its Razor components rendered it, under the measure's column name.</summary>
    public IReadOnlyList<(string Outcome, HtmlString Report)> Measures { get; private set; } = [];
    public IReadOnlyList<(string Outcome, HtmlString Report)> Declines { get; private set; } = [];
    public IReadOnlyList<(string Outcome, string Why)> Unavailable { get; private set; } = [];
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        try
        {
            var view = await dashboard.RunAsync(By, ct);
            Measures = await RenderAsync(view.Measures);
            Declines = await RenderAsync(view.Declines);
            Unavailable = view.Unavailable;
        }
        catch (EquityInputException e)
        {
            Error = e.Message;
        }

        return Page();
    }

    private async Task<IReadOnlyList<(string, HtmlString)>> RenderAsync(IReadOnlyList<EquityReport> reports)
    {
        var rendered = new List<(string, HtmlString)>();
        foreach (var report in reports) rendered.Add((report.Outcome, new HtmlString(await EquityHtml.FragmentAsync(report, HttpContext.RequestServices))));
        return rendered;
    }
}
