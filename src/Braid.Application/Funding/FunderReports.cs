using System.Globalization;
using Braid.Core.Equity;
using Braid.Interop;
using CsvHelper;
using Braid.Data.Funding;

namespace Braid.Application.Funding;

/// <summary>One row of a funder's report: a need or a tract, the people served, units and money; all withheld when the row is suppressed.</summary>
public sealed record FundingCell(string Key, int People, int Units, decimal Spent, decimal Paid, SuppressionReason Suppressed);

/// <summary>
/// A stream's report: committed, spent (the stream's share of every allocation standing), paid,
/// remaining (the stream's ledger balance), units and people served, by need and by tract.
/// </summary>
public sealed record FunderReport(StreamSummary Stream, decimal Spent, decimal Paid, decimal Remaining, int Units, int People, IReadOnlyList<FundingCell> ByNeed, IReadOnlyList<FundingCell> ByTract)
{
    /// <summary>Rows about fewer people than this are withheld, as the equity engine withholds small cells.</summary>
    public const int MinimumCell = 11;
}

/// <summary>
/// Funders read the reports of the streams their organization funds; the intermediary reads all.
/// Rows about fewer than <see cref="FunderReport.MinimumCell"/> people are withheld, with
/// complementary suppression so no withheld row is the total minus the rows shown.
/// </summary>
public sealed class FunderReports(UseCaseContext context, FundingStore store)
{
    /// <summary>The streams the caller may read: all for the intermediary, otherwise those its organizations fund.</summary>
    public async Task<IReadOnlyList<StreamSummary>> StreamsAsync(CancellationToken ct = default)
    {
        var actor = await context.AuthorizeAsync(Permission.FundingReport, ct: ct);
        var all = await ManageFunding.SummariesAsync(context, store, null, ct);
        return [.. all.Where(s => AccessPolicy.Decide(actor, Permission.FundingReport, context.CommunityId, s.Stream.Funder).Allowed)];
    }

    /// <summary>The report, or null when there is no such stream; a stream of another funder is refused (and the refusal audited).</summary>
    public async Task<FunderReport?> ReportAsync(string streamId, CancellationToken ct = default)
    {
        var summary = (await ManageFunding.SummariesAsync(context, store, null, ct)).FirstOrDefault(s => s.Stream.Id == streamId);
        if (summary is null)
        {
            await context.AuthorizeAsync(Permission.FundingReport, ct: ct);
            return null;
        }

        var actor = await context.AuthorizeAsync(Permission.FundingReport, summary.Stream.Funder, "funding-stream:" + streamId, ct);
        var shares = await store.SharesAsync(context.CommunityId, streamId, ct);
        await context.RecordAsync(actor, "funding.report", $"{shares.Count} lines", summary.Stream.Funder, "funding-stream:" + streamId, ct);
        return new FunderReport(summary, shares.Sum(s => s.Share), shares.Where(s => s.Line.PaymentEntry is not null).Sum(s => s.Share), summary.Remaining,
            shares.Sum(s => s.Line.Cost.Units), shares.Select(s => s.Line.Cost.Person).Distinct().Count(),
            Cells(shares, s => s.Line.Cost.Need), Cells(shares, s => s.Line.Tract ?? ""));
    }

    /// <summary>The report as CSV: a total row, then one row per need and per tract shown, and one line counting the rows withheld.</summary>
    public static string Csv(FunderReport report)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvWriter.Create(text, new CsvWriterOptions { NewLine = "\n" }, leaveOpen: true))
        {
            csv.WriteRecord(["stream", "funder", "by", "key", "people", "units", "spent", "paid", "remaining", "suppressed"]);
            var (name, funder) = (SpreadsheetText.Safe(report.Stream.Stream.Name), SpreadsheetText.Safe(report.Stream.FunderName));
            csv.WriteRecord([name, funder, "total", "", N(report.People), N(report.Units), M(report.Spent), M(report.Paid), M(report.Remaining), ""]);
            foreach (var (by, cells) in new[] { ("need", report.ByNeed), ("tract", report.ByTract) })
            {
                foreach (var c in cells.Where(c => c.Suppressed == SuppressionReason.None))
                {
                    csv.WriteRecord([name, funder, by, SpreadsheetText.Safe(c.Key), N(c.People), N(c.Units), M(c.Spent), M(c.Paid), "", ""]);
                }

                // Withheld rows are one line: even the key of a small row says someone there was served.
                if (cells.Count(c => c.Suppressed != SuppressionReason.None) is > 0 and var withheld)
                {
                    csv.WriteRecord([name, funder, by, "", "", "", "", "", "", $"{withheld} rows withheld"]);
                }
            }
        }

        return text.ToString();

        static string N(int n) => n.ToString(CultureInfo.InvariantCulture);
        static string M(decimal m) => m.ToString("0.00", CultureInfo.InvariantCulture);
    }

    private static IReadOnlyList<FundingCell> Cells(IReadOnlyList<(StoredLine Line, decimal Share)> shares, Func<(StoredLine Line, decimal Share), string> key)
    {
        var rows = shares.GroupBy(key).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (Key: g.Key, People: g.Select(s => s.Line.Cost.Person).Distinct().Count(), Items: g.ToList())).ToList();
        var suppressed = Suppression.Apply([[.. rows.Select(r => (GroupEstimate?)GroupEstimate.Proportion(r.Key, 0, r.People))]], FunderReport.MinimumCell)[0];
        return [.. rows.Select((r, i) => new FundingCell(r.Key, r.People, r.Items.Sum(s => s.Line.Cost.Units), r.Items.Sum(s => s.Share),
            r.Items.Where(s => s.Line.PaymentEntry is not null).Sum(s => s.Share), suppressed[i]))];
    }
}
