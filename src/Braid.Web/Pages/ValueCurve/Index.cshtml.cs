using Braid.Application.Partnership;
using Braid.Core.Partnership;

namespace Braid.Web.Pages.ValueCurve;

/// <summary>The partnership across organizations on the Value Curve: where each stands now, how far it moved, and the partnership's mean shape.</summary>
[RequiredPermission(Permission.ValueCurveRead)]
public sealed class IndexModel(ValueCurves curves, Texts texts) : PageModel
{
    public IReadOnlyList<OrganizationCurve> Organizations { get; private set; } = [];
    public ValueRadarChart? Radar { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Organizations = await curves.PartnershipAsync(ct);
        var latest = Organizations.Select(o => o.Latest).OfType<ValueCurveAssessment>().ToList();
        if (latest.Count > 0)
        {
            Radar = new ValueRadarChart("partnership-radar", texts["vc-partnership-radar", latest.Count], [(texts["vc-partnership-mean"], ValueRadar.Mean(latest), "mean")]);
        }
    }
}
