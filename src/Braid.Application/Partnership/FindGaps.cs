using Braid.Core.Equity;
using Braid.Core.Partnership;
using Braid.Data.Equity;
using Braid.Data.Partnership;

namespace Braid.Application.Partnership;

/// <summary>The network gaps with each tract's context where it was imported: its HOLC grade and its CDC social vulnerability ranking (RPL_THEMES, 0 to 1).</summary>
public sealed record GapView(NetworkGapReport Report, IReadOnlyDictionary<string, string> HolcGrade, IReadOnlyDictionary<string, double> Vulnerability, IReadOnlyList<string> Citations);

/// <summary>Finds where the network falls short, for the partnership's analysts: counts only, never a person.</summary>
public sealed class FindGaps(UseCaseContext context, GapsStore gaps, ContextStore contexts)
{
    /// <summary>The CDC/ATSDR Social Vulnerability Index's overall percentile ranking column.</summary>
    public const string VulnerabilityColumn = "RPL_THEMES";

    public async Task<GapView> ReportAsync(CancellationToken ct = default)
    {
        var actor = await context.AuthorizeAsync(Permission.EquityReport, ct: ct);
        var (needs, referrals) = await gaps.InputsAsync(context.CommunityId, ct);
        var report = NetworkGaps.Compute(needs, referrals, context.Time.GetUtcNow());
        var tracts = await contexts.TractsAsync(context.CommunityId.Value, ct);
        await context.RecordAsync(actor, "gaps.report", $"{report.Tracts.Count} tracts", ct: ct);
        return new GapView(report,
            tracts.Where(t => t.Values.TryGetValue(TractContext.HolcGrade, out var g) && g.Length == 1).ToDictionary(t => t.Geoid, t => t.Values[TractContext.HolcGrade]),
            tracts.Where(t => t.Values.TryGetValue(VulnerabilityColumn, out var v) && double.TryParse(v, System.Globalization.CultureInfo.InvariantCulture, out var x) && x is >= 0 and <= 1)
                .ToDictionary(t => t.Geoid, t => double.Parse(t.Values[VulnerabilityColumn], System.Globalization.CultureInfo.InvariantCulture)),
            await contexts.CitationsAsync(context.CommunityId.Value, ct));
    }
}
