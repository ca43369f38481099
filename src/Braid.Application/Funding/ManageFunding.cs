using System.Globalization;
using Braid.Core.Demo;
using Braid.Core.Funding;
using Braid.Data.Directory;
using Braid.Data.Funding;

namespace Braid.Application.Funding;

/// <summary>A month of invoices as the intermediary sees it: lines billed, allocated, paid, and the money.</summary>
public sealed record InvoiceMonth(string Month, int Invoices, int Lines, int Allocated, int Paid, decimal Billed, decimal AllocatedAmount);

/// <summary>An invoice with its provider's name and its lines; each unallocated line with the plan that says why no stream meets it (or which would).</summary>
public sealed record InvoiceView(InvoiceRow Invoice, string ProviderName, IReadOnlyList<StoredLine> Lines)
{
    public IReadOnlyDictionary<string, AllocationPlan> Plans { get; init; } = new Dictionary<string, AllocationPlan>();
    public decimal Billed => Lines.Sum(l => l.Cost.Amount);
    public decimal Payable => Lines.Where(l => l.AllocationEntry is not null && l.PaymentEntry is null).Sum(l => l.Cost.Amount);
}

/// <summary>A stream with its funder's name, what it has left, and the providers it authorized (name, limit, used).</summary>
public sealed record StreamSummary(FundingStream Stream, string FunderName, decimal Remaining, IReadOnlyList<(string Provider, string Name, decimal Limit, decimal Used)> Authorizations);

/// <summary>What allocating a month did: lines allocated (braided, blended) and the amount, and the lines no stream could meet.</summary>
public sealed record AllocationRun(int Braided, int Blended, decimal Amount, int Refused);

/// <summary>
/// The intermediary's books: funding streams, the providers each authorizes, allocating a month of
/// invoices to streams (each line in its own transaction with its audit event, so one line refused
/// by a concurrent writer leaves the others allocated), reversing an allocation, and paying an invoice.
/// </summary>
public sealed class ManageFunding(UseCaseContext context, FundingStore store)
{
    public async Task<IReadOnlyList<StreamSummary>> StreamsAsync(CancellationToken ct = default)
    {
        await context.AuthorizeAsync(Permission.FundingManage, ct: ct);
        return await SummariesAsync(context, store, null, ct);
    }

    internal static async Task<IReadOnlyList<StreamSummary>> SummariesAsync(UseCaseContext context, FundingStore store, OrganizationId? funder, CancellationToken ct)
    {
        var streams = await store.StreamsAsync(context.CommunityId, funder, ct);
        var authorizations = (await store.AuthorizationsAsync(context.CommunityId, ct)).ToLookup(a => a.Authorization.StreamId);
        var names = await new HsdsReader(context.Db).OrganizationNamesAsync(context.CommunityId.Value,
            [.. streams.Select(s => s.Stream.Funder.Value).Concat(authorizations.SelectMany(g => g).Select(a => a.Authorization.Provider.Value)).Distinct()], ct);
        return [.. streams.Select(s => new StreamSummary(s.Stream, names.GetValueOrDefault(s.Stream.Funder.Value) ?? s.Stream.Funder.Value, s.Remaining,
            [.. authorizations[s.Stream.Id].Select(a => (a.Authorization.Provider.Value, names.GetValueOrDefault(a.Authorization.Provider.Value) ?? a.Authorization.Provider.Value, a.Authorization.Limit, a.Used)).OrderBy(a => a.Item2)]))];
    }

    /// <summary>The sectors whose organizations fund a partnership, and those that deliver services.</summary>
    private static readonly string[] FundingSectors = ["funder", "health-plan", "public-agency", "backbone"], ProviderSectors = ["community-based-organization"];

    /// <summary>The organizations that can fund a stream (id, name), by name.</summary>
    public Task<IReadOnlyList<(string Id, string Name)>> FundersAsync(CancellationToken ct = default) => OrganizationsAsync(FundingSectors, ct);

    /// <summary>The organizations a stream can authorize to bill it (id, name), by name.</summary>
    public Task<IReadOnlyList<(string Id, string Name)>> ProvidersAsync(CancellationToken ct = default) => OrganizationsAsync(ProviderSectors, ct);

    private async Task<IReadOnlyList<(string Id, string Name)>> OrganizationsAsync(string[] sectors, CancellationToken ct)
    {
        await context.AuthorizeAsync(Permission.FundingManage, ct: ct);
        var organizations = await new HsdsReader(context.Db).OrganizationsOfSectorsAsync(context.CommunityId.Value, [.. sectors.Select(DemoCommunityGenerator.SectorTermId)], ct);
        return [.. organizations.Select(o => (o.Key, o.Value ?? o.Key)).OrderBy(o => o.Item2, StringComparer.CurrentCulture)];
    }

    public async Task<IReadOnlyList<InvoiceMonth>> MonthsAsync(CancellationToken ct = default)
    {
        await context.AuthorizeAsync(Permission.FundingManage, ct: ct);
        var invoices = await store.InvoicesAsync(context.CommunityId, ct: ct);
        var lines = (await store.LinesAsync(context.CommunityId, [.. invoices.Select(i => i.Id)], ct)).ToLookup(l => l.InvoiceId);
        return [.. invoices.GroupBy(i => i.Month).Select(g =>
        {
            var all = g.SelectMany(i => lines[i.Id]).ToList();
            return new InvoiceMonth(g.Key, g.Count(), all.Count, all.Count(l => l.AllocationEntry is not null), all.Count(l => l.PaymentEntry is not null),
                all.Sum(l => l.Cost.Amount), all.Where(l => l.AllocationEntry is not null).Sum(l => l.Cost.Amount));
        }).OrderByDescending(m => m.Month, StringComparer.Ordinal)];
    }

    /// <summary>A month's invoices, each unallocated line with the plan it would get now (so a refusal says which rule failed).</summary>
    public async Task<IReadOnlyList<InvoiceView>> InvoicesAsync(string month, CancellationToken ct = default)
    {
        await context.AuthorizeAsync(Permission.FundingManage, ct: ct);
        return await ViewsAsync(context, store, null, month, withPlans: true, ct);
    }

    internal static async Task<IReadOnlyList<InvoiceView>> ViewsAsync(UseCaseContext context, FundingStore store, OrganizationId? provider, string? month, bool withPlans, CancellationToken ct)
    {
        var invoices = await store.InvoicesAsync(context.CommunityId, provider, month, ct);
        var lines = await store.LinesAsync(context.CommunityId, [.. invoices.Select(i => i.Id)], ct);
        var names = await new HsdsReader(context.Db).OrganizationNamesAsync(context.CommunityId.Value, [.. invoices.Select(i => i.Provider).Distinct()], ct);
        var open = lines.Where(l => l.AllocationEntry is null).ToList();
        var plans = new Dictionary<string, AllocationPlan>();
        if (withPlans && open.Count > 0)
        {
            var book = await FundingBook.LoadAsync(store, context.CommunityId, open, ct);
            foreach (var line in open) plans[line.Cost.LineId] = book.Plan(line.Cost);
        }

        var byInvoice = lines.ToLookup(l => l.InvoiceId);
        return [.. invoices.Select(i => new InvoiceView(i, names.GetValueOrDefault(i.Provider) ?? i.Provider, [.. byInvoice[i.Id]]) { Plans = plans })];
    }

    public async Task<IReadOnlyDictionary<string, InputError>> CreateStreamAsync(FundingStream stream, CancellationToken ct = default)
    {
        var actor = await context.AuthorizeAsync(Permission.FundingManage, ct: ct);
        var errors = stream.Validate();
        var funderName = await new HsdsReader(context.Db).OrganizationNamesAsync(context.CommunityId.Value, [stream.Funder.Value], ct);
        if (!funderName.ContainsKey(stream.Funder.Value)) errors["funder"] = new InputError("choice-unknown", stream.Funder.Value);
        if (errors.Count > 0) return errors;

        var now = context.Time.GetUtcNow();
        var funding = LedgerEntry.Funding(stream, now);
        await context.ChangeAsync(async audit =>
        {
            await store.AddStreamAsync(context.CommunityId, stream, funding, actor.Id, now, ct);
            audit.Record(actor, "funding.stream.create", $"{stream.Method} {Cents(stream.Amount)}", stream.Funder, "funding-stream:" + stream.Id);
            return true;
        }, ct);
        return errors;
    }

    /// <summary>Lets a provider bill a stream up to a limit; the fields that are wrong (none when done).</summary>
    public async Task<IReadOnlyDictionary<string, InputError>> AuthorizeAsync(string streamId, string? provider, decimal? limit, CancellationToken ct = default)
    {
        var actor = await context.AuthorizeAsync(Permission.FundingManage, ct: ct);
        var errors = new Dictionary<string, InputError>();
        var stream = (await store.StreamsAsync(context.CommunityId, ct: ct)).FirstOrDefault(s => s.Stream.Id == streamId)
            ?? throw new KeyNotFoundException($"No funding stream {streamId}.");
        if (string.IsNullOrWhiteSpace(provider) || !(await new HsdsReader(context.Db).OrganizationNamesAsync(context.CommunityId.Value, [provider], ct)).ContainsKey(provider))
            errors["provider"] = new InputError("choice-unknown", provider ?? "");
        if (limit is not { } amount || amount <= 0 || !Money.IsCents(amount) || amount > stream.Stream.Amount) errors["limit"] = new InputError("authorization-limit", Cents(stream.Stream.Amount));
        if (errors.Count > 0) return errors;

        await context.ChangeAsync(async audit =>
        {
            await store.AuthorizeAsync(context.CommunityId, new Authorization(streamId, new OrganizationId(provider!), limit!.Value), ct);
            audit.Record(actor, "funding.authorize", Cents(limit.Value), new OrganizationId(provider!), "funding-stream:" + streamId);
            return true;
        }, ct);
        return errors;
    }

    /// <summary>Allocates every unallocated line of the month's invoices that a stream can meet.</summary>
    public async Task<AllocationRun> AllocateMonthAsync(string month, CancellationToken ct = default)
    {
        var actor = await context.AuthorizeAsync(Permission.FundingManage, ct: ct);
        var invoices = await store.InvoicesAsync(context.CommunityId, month: month, ct: ct);
        var open = (await store.LinesAsync(context.CommunityId, [.. invoices.Select(i => i.Id)], ct)).Where(l => l.AllocationEntry is null).ToList();
        var book = await FundingBook.LoadAsync(store, context.CommunityId, open, ct);
        var (braided, blended, amount, refused) = (0, 0, 0m, 0);
        foreach (var line in open)
        {
            var plan = book.Plan(line.Cost);
            if (!plan.Allocated)
            {
                refused++;
                continue;
            }

            var entry = FundingBook.Entry(line.Cost, plan, context.Time.GetUtcNow());
            try
            {
                await context.ChangeAsync(async audit =>
                {
                    await store.AllocateAsync(context.CommunityId, line, entry, plan, actor.Id, ct);
                    audit.Record(actor, "funding.allocate", $"{plan.Method} {Cents(line.Cost.Amount)} to {string.Join(", ", plan.Shares.Select(s => s.StreamId))}", line.Cost.Provider, "invoice-line:" + line.Cost.LineId);
                    return true;
                }, ct);
            }
            catch (DomainRuleException)
            {
                // Another writer took the money or the line first; the line stays for the next run.
                context.Db.ChangeTracker.Clear();
                refused++;
                continue;
            }

            book.Allocated(line.Cost, plan);
            (braided, blended, amount) = plan.Method == FundingMethod.Braided ? (braided + 1, blended, amount + line.Cost.Amount) : (braided, blended + 1, amount + line.Cost.Amount);
        }

        return new AllocationRun(braided, blended, amount, refused);
    }

    /// <summary>Undoes an unpaid allocation with a reversing entry; the line can then be allocated again.</summary>
    public async Task ReverseAsync(string entryId, string? why, CancellationToken ct = default)
    {
        var actor = await context.AuthorizeAsync(Permission.FundingManage, ct: ct);
        var (original, row) = (await store.LedgerAsync(context.CommunityId, ct)).FirstOrDefault(e => e.Entry.Id == entryId && e.Entry.Kind == EntryKind.Allocate);
        if (original is null) throw new KeyNotFoundException($"No allocation {entryId}.");
        var reversal = original.Reversal("reversal:" + entryId, context.Time.GetUtcNow(), string.IsNullOrWhiteSpace(why) ? "reversed" : why.Trim()[..Math.Min(200, why.Trim().Length)]);
        await context.ChangeAsync(async audit =>
        {
            await store.ReverseAllocationAsync(context.CommunityId, original, reversal, actor.Id, ct);
            audit.Record(actor, "funding.reverse", reversal.Memo, target: "invoice-line:" + row.InvoiceLineId);
            return true;
        }, ct);
    }

    /// <summary>Pays what is allocated and unpaid on an invoice, in one entry; returns the amount paid.</summary>
    public async Task<decimal> PayAsync(string invoiceId, CancellationToken ct = default)
    {
        var actor = await context.AuthorizeAsync(Permission.FundingManage, ct: ct);
        var invoice = (await store.InvoicesAsync(context.CommunityId, ct: ct)).FirstOrDefault(i => i.Id == invoiceId) ?? throw new KeyNotFoundException($"No invoice {invoiceId}.");
        var due = (await store.LinesAsync(context.CommunityId, [invoiceId], ct)).Where(l => l.AllocationEntry is not null && l.PaymentEntry is null).ToList();
        if (due.Count == 0) throw new DomainRuleException("Nothing on this invoice is allocated and unpaid.");
        var amount = due.Sum(l => l.Cost.Amount);
        var provider = new OrganizationId(invoice.Provider);
        var payment = LedgerEntry.Payment("payment:" + invoiceId + ":" + Guid.NewGuid().ToString("N")[..8], context.Time.GetUtcNow(), provider, amount, invoice.Month);
        await context.ChangeAsync(async audit =>
        {
            await store.PayAsync(context.CommunityId, [.. due.Select(l => l.Cost.LineId)], payment, actor.Id, ct);
            audit.Record(actor, "funding.pay", Cents(amount), provider, "invoice:" + invoiceId);
            return true;
        }, ct);
        return amount;
    }

    internal static string Cents(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);
}
