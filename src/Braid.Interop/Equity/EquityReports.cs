using Braid.Core.Equity;
using Braid.Data.Context;
using Braid.Data.Region;

namespace Braid.Interop.Equity;

/// <summary>
/// Runs a report the way the CLI, the API and the web page all do: on the data given, on the
/// community's imported tract context, or on the data joined to that context through its tracts,
/// citing the context's sources.
/// </summary>
public sealed class EquityReports(ContextStore? context)
{
    public async Task<EquityReport> RunAsync(string communityId, EquityTable? data, EquityRequest request, bool useContext, CancellationToken ct = default)
    {
        if (!useContext)
        {
            return data is null
                ? throw new EquityInputException("data", "Give an outcome table (--data FILE.csv), or use the imported neighbourhood context (--context).")
                : EquityAnalysis.Report(data, request);
        }

        if (context is null) throw new InvalidOperationException("Reports on neighbourhood context need the community's database.");
        var tracts = await context.TractsAsync(communityId, ct);
        if (tracts.Count == 0) throw new EquityInputException("context", "No neighbourhood context has been imported yet: run `braid context import FILE` first.");
        var sources = request.Sources.Concat(await context.CitationsAsync(communityId, ct)).Distinct().ToList();
        if (data is null)
            return EquityAnalysis.Report(TractContext.ToTable(tracts), request with { UnitsArePeople = false, Sources = sources });

        var notes = new List<string>();
        var report = EquityAnalysis.Report(TractContext.Join(data, tracts, notes, RegionData.TractBoundaries), request with { Sources = sources });
        return report with { Notes = [.. notes, .. report.Notes] };
    }
}
