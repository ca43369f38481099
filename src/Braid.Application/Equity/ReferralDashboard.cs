using Braid.Core.Equity;
using Braid.Core.Referrals;

namespace Braid.Application.Equity;

/// <summary>A measure on the referral dashboard: its column in <see cref="ReferralOutcomes"/> and whether more of it is better.</summary>
public sealed record ReferralMeasure(string Outcome, bool Favourable);

/// <summary>The dashboard for one grouping: a report per measure, and one per decline reason that occurs.</summary>
public sealed record ReferralDashboardView(string By, IReadOnlyList<EquityReport> Measures, IReadOnlyList<EquityReport> Declines)
{
    /// <summary>The measures the data cannot answer yet (too few groups, no reference group), each with why.</summary>
    public IReadOnlyList<(string Outcome, string Why)> Unavailable { get; init; } = [];
}

/// <summary>
/// The analysts' referral dashboard: how the community's stored referrals fared (loop closed, need
/// met, time to first contact, declines and why, and what the people served said of them) by race and ethnicity, language, tract or HOLC
/// grade, each through the equity engine with its race test, intervals and small-cell suppression.
/// Race and language are adjusted for age band and need, so a gap is not the mix of needs.
/// </summary>
public sealed class ReferralDashboard(UseCaseContext context, RunEquityReport reports)
{
    public static readonly IReadOnlyList<string> Groupings = ["race", "language", "tract", TractContext.HolcGrade];

    public static readonly IReadOnlyList<ReferralMeasure> Measures =
        [new("loop_closed", true), new("need_met", true), new("days_to_first_contact", false), new("declined", false), .. ReferralOutcomes.FeedbackMeasures.Select(m => new ReferralMeasure(m, true))];

    public async Task<ReferralDashboardView> RunAsync(string by, CancellationToken ct = default)
    {
        if (!Groupings.Contains(by)) throw new EquityInputException("by", EquityText.Get("referral-dashboard-by", by, string.Join(", ", Groupings)));
        var actor = await context.AuthorizeAsync(Permission.EquityReport, ct: ct);
        var table = await reports.ReferralsAsync(ct);
        IReadOnlyList<string> sources = [], notes = [];
        if (by == TractContext.HolcGrade) (table, sources, notes) = await reports.JoinContextAsync(table, ct);

        EquityReport Report(string outcome, bool favourable)
        {
            var report = EquityAnalysis.Report(table, new EquityRequest
            {
                Outcome = outcome, By = by, Favourable = favourable, Sources = sources,
                Adjust = by is "race" or "language" ? ["age_band", "need"] : [],
                Reference = by switch { "race" => "White", "language" => "en", _ => null },
                Order = by == TractContext.HolcGrade ? ["D", "C", "B", "A"] : null,
            });
            return report with { Notes = [.. notes, .. report.Notes] };
        }

        // A measure the referrals so far cannot answer (no first contact logged, answers from one group alone) is set aside with why, not fatal to the rest.
        var measures = new List<EquityReport>();
        var unavailable = new List<(string, string)>();
        foreach (var m in Measures)
        {
            try
            {
                measures.Add(Report(m.Outcome, m.Favourable));
            }
            catch (EquityInputException why)
            {
                unavailable.Add((m.Outcome, why.Message));
            }
        }

        var declines = ReferralOutcomes.DeclineReasons.Select(ReferralOutcomes.DeclinedFor)
            .Where(column => table[column].Levels.Contains("1")).Select(column => Report(column, favourable: false)).ToList();
        await context.RecordAsync(actor, "equity.referrals", $"referral dashboard by {by}: {table.RowCount:N0} referrals", target: "referrals", ct: ct);
        return new ReferralDashboardView(by, measures, declines) { Unavailable = unavailable };
    }
}
