using System.Globalization;
using Braid.Core.Directory.Eligibility;
using Braid.Core.Funding;
using Braid.Data;
using Braid.Data.Funding;
using Braid.Data.People;

namespace Braid.Application.Funding;

/// <summary>
/// The demo partnership's money: three braided streams (a health plan's for food and rides to
/// working-age adults, a county grant for housing and energy in Baltimore City, a foundation's for
/// any need with a cap per person), every provider authorized on each, an invoice per provider and
/// month of the demo's completed referrals, every month but the last allocated, and all but the
/// last two allocated months paid. The last month is left for the intermediary to allocate. The
/// books are kept in memory by the same ledger and allocator the product uses, then written at once.
/// </summary>
public static class DemoFunding
{
    public static async Task SeedAsync(BraidDbContext db, CommunityId community, OrganizationId healthPlan, OrganizationId county, OrganizationId foundation, DateTimeOffset now, CancellationToken ct = default)
    {
        var store = new FundingStore(db);
        var thisMonth = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero);
        var (start, end) = (DateOnly.FromDateTime(thisMonth.AddYears(-2).UtcDateTime), new DateOnly(now.Year + 1, 12, 31));
        FundingStream[] streams =
        [
            new() { Id = "demo-health-plan", Funder = healthPlan, Name = "Healthy Food and Rides", Amount = 30_000m, Start = start, End = end,
                Rules = new() { Needs = ["food-insecurity", "transportation-insecurity"], People = new EligibilityRules { MinimumAge = 18, MaximumAge = 64 }, UnitRate = 60m, CapPerPerson = 600m } },
            new() { Id = "demo-county", Funder = county, Name = "Housing and Energy Stability Grant", Amount = 40_000m, Start = start, End = end,
                Rules = new() { Needs = ["housing-instability", "homelessness", "inadequate-housing", "utility-insecurity"], People = new EligibilityRules { Counties = ["24510"] }, UnitRate = 80m } },
            new() { Id = "demo-foundation", Funder = foundation, Name = "Community Care Fund", Amount = 20_000m, Start = start, End = end, Rules = new() { CapPerPerson = 300m } },
        ];

        var ledger = new Ledger();
        var meta = new Dictionary<string, (string? LineId, FundingMethod? Method, string? Matched)>();
        foreach (var stream in streams)
        {
            ledger.Post(LedgerEntry.Funding(stream, thisMonth.AddYears(-2)));
        }

        var providers = await store.ProvidersAsync(community, ct);
        var authorizations = streams.SelectMany(s => providers.Select(p => new FundingAuthorizationRow { StreamId = s.Id, Provider = p, LimitCents = Money.ToCents(s.Amount) })).ToList();

        // Each provider bills every month that has ended, at a price of its own.
        var (invoices, lines) = (new List<InvoiceRow>(), new List<InvoiceLineRow>());
        var provided = new Dictionary<string, OrganizationId>();
        var people = new PeopleStore(db);
        for (var i = 0; i < providers.Count; i++)
        {
            var referrals = await store.BillableAsync(community, new OrganizationId(providers[i]), thisMonth.AddYears(-2), thisMonth, ct);
            foreach (var month in referrals.GroupBy(r => Month(r.ClosedAt!.Value)))
            {
                var invoice = new InvoiceRow
                {
                    Id = DeterministicGuid.From($"demo-invoice:{providers[i]}:{month.Key}").ToString(), Provider = providers[i], Month = month.Key, UnitPriceCents = 4_500 + 500 * (i % 4),
                    SubmittedBy = "demo", SubmittedAt = SubmitInvoice.ParseMonth(month.Key)!.Value.AddMonths(1).AddDays(3),
                };
                var billed = await SubmitInvoice.LinesAsync(people, community, [.. month], invoice.UnitPriceCents, ct);
                foreach (var line in billed) (line.InvoiceId, provided[line.Id]) = (invoice.Id, new OrganizationId(providers[i]));
                invoices.Add(invoice);
                lines.AddRange(billed);
            }
        }

        // Every month but the last is allocated, as the intermediary would, a line at a time.
        var months = invoices.Select(i => i.Month).Distinct().Order(StringComparer.Ordinal).ToList();
        var open = months.Count > 0 ? months[^1] : "";
        var book = FundingBook.Of([.. streams.Select(s => new StoredStream(s, s.Amount))], authorizations.Select(a => (new Authorization(a.StreamId, new OrganizationId(a.Provider), Money.FromCents(a.LimitCents)), 0m)));
        var invoiceMonth = invoices.ToDictionary(i => i.Id, i => i.Month);
        foreach (var line in lines.Where(l => invoiceMonth[l.InvoiceId] != open).OrderBy(l => l.DeliveredOn, StringComparer.Ordinal).ThenBy(l => l.Id, StringComparer.Ordinal))
        {
            var cost = FundingStore.LineOf(line, provided[line.Id]).Cost;
            var plan = book.Plan(cost);
            if (!plan.Allocated) continue;
            var entry = FundingBook.Entry(cost, plan, SubmitInvoice.ParseMonth(invoiceMonth[line.InvoiceId])!.Value.AddMonths(1).AddDays(10));
            ledger.Post(entry);
            meta[entry.Id] = (line.Id, plan.Method, FundingStore.Matched(plan));
            line.AllocationEntry = entry.Id;
            book.Allocated(cost, plan);
            foreach (var share in plan.Shares) authorizations.Single(a => a.StreamId == share.StreamId && a.Provider == provided[line.Id].Value).UsedCents += Money.ToCents(share.Amount);
        }

        // All but the last two allocated months are paid, an invoice at a time.
        var paidMonths = months.Count > 3 ? months[..^3] : [];
        foreach (var invoice in invoices.Where(i => paidMonths.Contains(i.Month)))
        {
            var due = lines.Where(l => l.InvoiceId == invoice.Id && l.AllocationEntry is not null).ToList();
            if (due.Count == 0) continue;
            var provider = new OrganizationId(invoice.Provider);
            var amount = Money.FromCents(due.Sum(l => l.AmountCents));
            var payment = LedgerEntry.Payment("payment:" + invoice.Id, SubmitInvoice.ParseMonth(invoice.Month)!.Value.AddMonths(1).AddDays(20), provider, amount, invoice.Month);
            ledger.Post(payment);
            foreach (var line in due) line.PaymentEntry = payment.Id;
        }

        await db.InTransactionAsync(async _ =>
        {
            await store.SeedAsync(community, streams, authorizations, invoices, lines, ledger, meta, "demo", now, ct);
            return true;
        }, ct);
    }

    private static string Month(DateTimeOffset at) => at.ToString("yyyy-MM", CultureInfo.InvariantCulture);
}
