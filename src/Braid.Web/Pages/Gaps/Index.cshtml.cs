using System.Globalization;
using Braid.Application.Partnership;
using Braid.Core.Directory.Geo;
using Braid.Core.Partnership;
using Braid.Data.Region;

namespace Braid.Web.Pages.Gaps;

/// <summary>
/// Network gaps for the partnership's analysts: unmet need and declines for no capacity by tract,
/// drawn over the region's tracts with HOLC grade and social vulnerability as other layers, each
/// map with its legend and the table it is drawn from; declines by need and service; full services.
/// </summary>
[RequiredPermission(Permission.EquityReport)]
public sealed class IndexModel(FindGaps gaps, Texts texts) : PageModel
{
    public const int MinimumCell = 11;
    public static readonly IReadOnlyList<string> Layers = ["unmet", "no-capacity", "holc", "svi"];

    public GapView View { get; private set; } = null!;
    public string Layer { get; private set; } = "unmet";
    public RegionMap Map => RegionData.Map;

    /// <summary>Each tract's fill class on the chosen layer (tracts with none are left unfilled).</summary>
    public Dictionary<string, string> Fill { get; } = [];

    /// <summary>The layer's classes, in order, with their words.</summary>
    public List<(string Css, string Label)> Legend { get; } = [];

    public async Task<IActionResult> OnGetAsync(string? layer, CancellationToken ct)
    {
        if (layer is not null && !Layers.Contains(layer)) return BadRequest(texts.Error(new InputError("choice-unknown", layer)));
        Layer = layer ?? "unmet";
        View = await gaps.ReportAsync(ct);
        switch (Layer)
        {
            case "holc":
                foreach (var (tract, grade) in View.HolcGrade) Fill[tract] = "holc-" + grade.ToLowerInvariant();
                Legend.AddRange("ABCD".Select(g => ("holc-" + char.ToLowerInvariant(g), texts["gaps-holc-" + g])));
                break;
            case "svi":
                foreach (var (tract, rank) in View.Vulnerability) Fill[tract] = "c" + (1 + Math.Min(3, (int)(rank * 4)));
                Legend.AddRange(Enumerable.Range(1, 4).Select(q => ("c" + q, texts["gaps-svi-quartile", q])));
                break;
            default:
                var counts = View.Report.Tracts.ToDictionary(t => t.Tract, t => Layer == "unmet" ? t.Unmet : t.NoCapacity);
                var shown = counts.Values.Where(c => c >= MinimumCell).Order().ToList();
                // Thresholds at the median and upper quartile of the counts shown, so each class holds about as many tracts.
                int[] thresholds = shown.Count == 0 ? [] : [.. new[] { shown[shown.Count / 2], shown[shown.Count * 3 / 4] }.Where(t => t > MinimumCell).Distinct()];
                foreach (var (tract, count) in counts.Where(c => c.Value > 0)) Fill[tract] = "c" + NetworkGaps.Class(count, MinimumCell, thresholds);
                Legend.Add(("c1", texts["gaps-withheld-class", MinimumCell]));
                var bounds = new[] { MinimumCell }.Concat(thresholds).ToList();
                for (var i = 0; i < bounds.Count; i++)
                {
                    Legend.Add(("c" + (i + 2), i + 1 < bounds.Count ? texts["gaps-range", bounds[i], bounds[i + 1] - 1] : texts["gaps-or-more", bounds[i]]));
                }

                break;
        }

        return Page();
    }

    /// <summary>A count as the table shows it: withheld below the minimum cell.</summary>
    public string Count(int count) => count is > 0 and < MinimumCell ? texts["gaps-fewer-than", MinimumCell] : count.ToString(CultureInfo.CurrentCulture);
}
