using Braid.Core.Access;
using Braid.Core.Demo;
using Braid.Core.Equity;
using Braid.Data.Audit;
using Braid.Data.Region;
using Braid.Interop.Equity;
using Braid.Web.Access;

namespace Braid.Web.Equity;

/// <summary>Where a report's rows come from: a table the analyst sends, the demo people's outcomes, or the imported tract context alone.</summary>
public enum EquitySource { Upload, Demo, Context }

/// <summary>
/// Equity reports for the web: only analysts and community administrators may run them, and
/// every run is audited with what was analysed.
/// </summary>
public sealed class EquityReporting(AccessControl access, EquityReports reports, AuditLog audit)
{
    /// <summary>The seed the demo community is generated with, so the page shows the same table `braid demo` writes.</summary>
    public const int DemoSeed = 2026;

    public async Task<EquityReport> RunAsync(EquitySource source, EquityTable? upload, EquityRequest request, bool joinContext, CancellationToken ct)
    {
        var actor = await access.DemandAsync(Permission.EquityReport, ct: ct);
        var data = source switch
        {
            EquitySource.Demo => EquityTable.FromRows([.. DemoOutcomes.Header], DemoOutcomes.Generate(RegionData.Baltimore, DemoSeed).Select(r => (IReadOnlyList<string>)r)),
            EquitySource.Upload => upload ?? throw new EquityInputException("data", "Send the outcome table as CSV."),
            _ => null,
        };
        var report = await reports.RunAsync(access.CommunityId, data, request, useContext: joinContext || source == EquitySource.Context, ct);
        await audit.AppendAsync(access.Entry(actor, "equity.report", $"{report.Outcome} by {report.By}: {report.Overall.Units:N0} {report.Units}", target: source.ToString().ToLowerInvariant()), ct);
        return report;
    }
}
