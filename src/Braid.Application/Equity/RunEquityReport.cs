using Braid.Core.Demo;
using Braid.Core.Equity;
using Braid.Core.Referrals;
using Braid.Data.Equity;
using Braid.Data.Referrals;
using Braid.Data.Region;

namespace Braid.Application.Equity;

/// <summary>
/// Where a report's rows come from: a table the analyst sends, the demo people's outcomes, the
/// imported tract context alone, or the community's stored referrals (<see cref="ReferralOutcomes"/>).
/// </summary>
public enum EquitySource { Upload, Demo, Context, Referrals }

/// <summary>
/// Runs an equity report for the API, the page and the CLI: on the data given, on the community's
/// imported tract context, or on the data joined to that context through its tracts, citing the
/// context's sources. Only analysts and community administrators may; every run is audited.
/// </summary>
public sealed class RunEquityReport(UseCaseContext context, ContextStore tracts, ReferralStore referrals)
{
    /// <summary>The seed the demo community is generated with, so the page shows the same table `braid demo` writes.</summary>
    public const int DemoSeed = 2026;

    public async Task<EquityReport> RunAsync(EquitySource source, EquityTable? upload, EquityRequest request, bool joinContext, CancellationToken ct = default)
    {
        var actor = await context.AuthorizeAsync(Permission.EquityReport, ct: ct);
        var data = source switch
        {
            EquitySource.Referrals => await ReferralsAsync(ct),
            EquitySource.Demo => EquityTable.FromRows([.. DemoOutcomes.Header], DemoOutcomes.Generate(RegionData.Baltimore, DemoSeed).Select(r => (IReadOnlyList<string>)r)),
            EquitySource.Upload => upload ?? throw new EquityInputException("data", EquityText.Get("send-csv")),
            _ => null,
        };
        var report = joinContext || source == EquitySource.Context ? await WithContextAsync(data, request, ct) : Analyze(data, request, ct);
        await context.RecordAsync(actor, "equity.report", $"{report.Outcome} by {report.By}: {report.Overall.Units:N0} {report.Units}", target: source.ToString().ToLowerInvariant(), ct: ct);
        return report;
    }

    /// <summary>A report on a table alone, which reads nothing stored: the CLI runs it on a local file without a database.</summary>
    public static EquityReport Analyze(EquityTable? data, EquityRequest request, CancellationToken ct = default) =>
        data is null
            ? throw new EquityInputException("data", EquityText.Get("give-outcome-table"))
            : EquityAnalysis.Report(data, request, ct);

    /// <summary>The community's referrals as an outcome table, one row per referral sent.</summary>
    internal async Task<EquityTable> ReferralsAsync(CancellationToken ct) =>
        ReferralOutcomes.Table(await referrals.OutcomesAsync(context.CommunityId, ct), await referrals.SlaAsync(context.CommunityId, ct), context.Time.GetUtcNow());

    private async Task<EquityReport> WithContextAsync(EquityTable? data, EquityRequest request, CancellationToken ct)
    {
        if (data is null)
        {
            var stored = await StoredContextAsync(ct);
            return EquityAnalysis.Report(TractContext.ToTable(stored), request with { UnitsAreAreas = true, Sources = [.. request.Sources.Concat(await tracts.CitationsAsync(context.CommunityId.Value, ct)).Distinct()] }, ct);
        }

        var joined = await JoinContextAsync(data, ct);
        var report = EquityAnalysis.Report(joined.Table, request with { Sources = [.. request.Sources.Concat(joined.Sources).Distinct()] }, ct);
        return report with { Notes = [.. joined.Notes, .. report.Notes] };
    }

    /// <summary>The table joined through its tracts to the community's imported context (HOLC grade and the rest), with the context's sources and what the join noticed.</summary>
    internal async Task<(EquityTable Table, IReadOnlyList<string> Sources, IReadOnlyList<string> Notes)> JoinContextAsync(EquityTable data, CancellationToken ct)
    {
        var stored = await StoredContextAsync(ct);
        var notes = new List<string>();
        var joined = TractContext.Join(data, stored, notes, RegionData.TractBoundaries);
        return (joined, await tracts.CitationsAsync(context.CommunityId.Value, ct), notes);
    }

    private async Task<IReadOnlyList<TractRecord>> StoredContextAsync(CancellationToken ct)
    {
        var stored = await tracts.TractsAsync(context.CommunityId.Value, ct);
        return stored.Count > 0 ? stored : throw new EquityInputException("context", EquityText.Get("no-neighbourhood-context-has-been-imported"));
    }
}
