using Braid.Application.Partnership;
using Braid.Interop.Equity;
using Microsoft.AspNetCore.Html;

namespace Braid.Web.Pages.Measures;

/// <summary>One shared measure: its definition, value against target, its trend as an SVG chart with the months as a table, and its equity view by race and ethnicity.</summary>
[RequiredPermission(Permission.MeasureRead)]
public sealed class MeasureModel(SharedMeasures measures, Texts texts) : PageModel
{
    public MeasureDetail Detail { get; private set; } = null!;
    public MeasureTrendChart Chart { get; private set; } = null!;
    public HtmlString? Equity { get; private set; }
    public bool MayManage { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct)
    {
        if (await measures.ShowAsync(id, ct) is not { } detail) return NotFound();
        Detail = detail;
        Chart = MeasureTrendChart.Of(detail.View, texts["measure-trend", detail.View.Measure.Name]);
        if (detail.Equity is { } report) Equity = new HtmlString(await EquityHtml.FragmentAsync(report, HttpContext.RequestServices));
        MayManage = await measures.MayManageAsync(ct);
        return Page();
    }
}
