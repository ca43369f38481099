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
/// last two allocated months paid. The last month is left for the intermediary to allocate.
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

        var providers = await store.ProvidersAsync(community, ct);
        await db.InTransactionAsync(async _ =>
        {
            foreach (var stream in streams)
            {
                var funding = LedgerEntry.Create("funding:" + stream.Id, thisMonth.AddYears(-2), EntryKind.Fund, $"{stream.Name} committed",
                    [new LedgerLine(Accounts.Funder(stream.Funder), -stream.Amount), new LedgerLine(Accounts.Stream(stream.Id), stream.Amount)]);
                await store.AddStreamAsync(community, stream, funding, "demo", now, ct);
                foreach (var provider in providers) await store.AuthorizeAsync(community, new Authorization(stream.Id, new OrganizationId(provider), stream.Amount), ct);
            }

            // Each provider bills every month that has ended, at a price of its own.
            var people = new PeopleStore(db);
            var months = new List<string>();
            for (var i = 0; i < providers.Count; i++)
            {
                var (provider, organization) = (providers[i], new OrganizationId(providers[i]));
                var referrals = await store.BillableAsync(community, organization, thisMonth.AddYears(-2), thisMonth, ct);
                foreach (var month in referrals.GroupBy(r => r.ClosedAt!.Value.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture)))
                {
                    var price = 4_500 + 500 * (i % 4);
                    var invoice = new InvoiceRow
                    {
                        Id = DeterministicGuid.From($"demo-invoice:{provider}:{month.Key}").ToString(), Provider = provider, Month = month.Key, UnitPriceCents = price,
                        SubmittedBy = "demo", SubmittedAt = SubmitInvoice.ParseMonth(month.Key)!.Value.AddMonths(1).AddDays(3),
                    };
                    await store.AddInvoiceAsync(community, invoice, await SubmitInvoice.LinesAsync(people, community, [.. month], price, ct), ct);
                    months.Add(month.Key);
                }
            }

            var billed = months.Distinct().Order(StringComparer.Ordinal).ToList();
            var allocated = billed.Count > 0 ? billed[..^1] : [];
            var invoices = (await store.InvoicesAsync(community, ct: ct)).Where(i => allocated.Contains(i.Month)).OrderBy(i => i.Month, StringComparer.Ordinal).ThenBy(i => i.Provider).ToList();
            var lines = await store.LinesAsync(community, [.. invoices.Select(i => i.Id)], ct);
            var book = await FundingBook.LoadAsync(store, community, lines, ct);
            foreach (var line in lines.OrderBy(l => l.Cost.DeliveredOn).ThenBy(l => l.Cost.LineId, StringComparer.Ordinal))
            {
                var plan = book.Plan(line.Cost);
                if (!plan.Allocated) continue;
                var at = SubmitInvoice.ParseMonth(line.Cost.DeliveredOn.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture))!.Value.AddMonths(1).AddDays(10);
                await store.AllocateAsync(community, line, FundingBook.Entry(line.Cost, plan, at), plan, "demo", ct);
                book.Allocated(line.Cost, plan);
            }

            var paidMonths = allocated.Count > 2 ? allocated[..^2] : [];
            foreach (var invoice in invoices.Where(i => paidMonths.Contains(i.Month)))
            {
                var due = (await store.LinesAsync(community, [invoice.Id], ct)).Where(l => l.AllocationEntry is not null).ToList();
                if (due.Count == 0) continue;
                var amount = due.Sum(l => l.Cost.Amount);
                var provider = new OrganizationId(invoice.Provider);
                var payment = LedgerEntry.Create("payment:" + invoice.Id, SubmitInvoice.ParseMonth(invoice.Month)!.Value.AddMonths(1).AddDays(20), EntryKind.Pay, $"Payment of invoice {invoice.Month}",
                    [new LedgerLine(Accounts.Payable(provider), -amount), new LedgerLine(Accounts.Paid(provider), amount)]);
                await store.PayAsync(community, [.. due.Select(l => l.Cost.LineId)], payment, "demo", ct);
            }

            return true;
        }, ct);
    }
}
