using System.Globalization;
using System.Text.Json;
using Braid.Core;
using Braid.Core.Directory.Eligibility;
using Braid.Core.Funding;

namespace Braid.Data.Funding;

/// <summary>An invoice line as stored, with the cost it is and where it stands.</summary>
public sealed record StoredLine(Cost Cost, string InvoiceId, string ReferralId, string? Tract, string? AllocationEntry, string? PaymentEntry);

/// <summary>A stored stream with what it has left.</summary>
public sealed record StoredStream(FundingStream Stream, decimal Remaining);

/// <summary>
/// Streams, authorizations, invoices and the ledger. Every posting runs in the caller's
/// transaction: the entry and its lines are inserted, and each stream line moves the stream's
/// balance by a guarded UPDATE that touches no row when the stream would go below zero, so two
/// writers racing for the last dollars cannot both have them (the second waits for the first's row
/// lock on PostgreSQL, or for the database lock on SQLite, and then finds too little).
/// </summary>
public sealed class FundingStore(BraidDbContext db)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task AddStreamAsync(CommunityId community, FundingStream stream, LedgerEntry funding, string actor, DateTimeOffset now, CancellationToken ct = default)
    {
        db.FundingStreams.Add(new FundingStreamRow
        {
            CommunityId = community.Value, Id = stream.Id, Funder = stream.Funder.Value, Name = stream.Name, AmountCents = Money.ToCents(stream.Amount),
            StartOn = Day(stream.Start), EndOn = Day(stream.End), Method = stream.Method.ToString(), Rules = JsonSerializer.Serialize(stream.Rules, Json), CreatedAt = now,
        });
        await db.SaveChangesAsync(ct);
        await PostAsync(community, funding, actor, ct: ct);
    }

    public async Task<IReadOnlyList<StoredStream>> StreamsAsync(CommunityId community, OrganizationId? funder = null, CancellationToken ct = default)
    {
        var rows = await db.FundingStreams.AsNoTracking().Where(s => s.CommunityId == community.Value && (funder == null || s.Funder == funder.Value.Value))
            .OrderBy(s => s.Name).ThenBy(s => s.Id).ToListAsync(ct);
        return [.. rows.Select(r => new StoredStream(StreamOf(r), Money.FromCents(r.BalanceCents)))];
    }

    /// <summary>Lets a provider bill a stream up to a limit (raising or lowering it; never below what it has already used).</summary>
    public async Task AuthorizeAsync(CommunityId community, Authorization authorization, CancellationToken ct = default)
    {
        var limit = Money.ToCents(authorization.Limit);
        var row = await db.FundingAuthorizations.FirstOrDefaultAsync(a => a.CommunityId == community.Value && a.StreamId == authorization.StreamId && a.Provider == authorization.Provider.Value, ct);
        if (row is null) db.FundingAuthorizations.Add(new FundingAuthorizationRow { CommunityId = community.Value, StreamId = authorization.StreamId, Provider = authorization.Provider.Value, LimitCents = limit });
        else if (row.UsedCents > limit) throw new DomainRuleException($"The provider has already used {Money.FromCents(row.UsedCents)} of this stream; the limit cannot go below that.");
        else row.LimitCents = limit;
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Each stream's authorizations: provider, limit and used.</summary>
    public async Task<IReadOnlyList<(Authorization Authorization, decimal Used)>> AuthorizationsAsync(CommunityId community, CancellationToken ct = default) =>
        [.. (await db.FundingAuthorizations.AsNoTracking().Where(a => a.CommunityId == community.Value).ToListAsync(ct))
            .Select(a => (new Authorization(a.StreamId, new OrganizationId(a.Provider), Money.FromCents(a.LimitCents)), Money.FromCents(a.UsedCents)))];

    public async Task AddInvoiceAsync(CommunityId community, InvoiceRow invoice, IReadOnlyList<InvoiceLineRow> lines, CancellationToken ct = default)
    {
        invoice.CommunityId = community.Value;
        db.Invoices.Add(invoice);
        // EF does not know the lines' foreign key, so the invoice goes first.
        await db.SaveChangesAsync(ct);
        foreach (var line in lines)
        {
            line.CommunityId = community.Value;
            line.InvoiceId = invoice.Id;
        }

        db.InvoiceLines.AddRange(lines);
        await db.SaveChangesAsync(ct);
    }

    public async Task<IReadOnlyList<InvoiceRow>> InvoicesAsync(CommunityId community, OrganizationId? provider = null, string? month = null, CancellationToken ct = default) =>
        await db.Invoices.AsNoTracking()
            .Where(i => i.CommunityId == community.Value && (provider == null || i.Provider == provider.Value.Value) && (month == null || i.Month == month))
            .OrderByDescending(i => i.Month).ThenBy(i => i.Provider).ToListAsync(ct);

    public async Task<IReadOnlyList<StoredLine>> LinesAsync(CommunityId community, IReadOnlyCollection<string> invoiceIds, CancellationToken ct = default)
    {
        var invoices = await db.Invoices.AsNoTracking().Where(i => i.CommunityId == community.Value && invoiceIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, ct);
        var rows = await db.InvoiceLines.AsNoTracking().Where(l => l.CommunityId == community.Value && invoiceIds.Contains(l.InvoiceId))
            .OrderBy(l => l.DeliveredOn).ThenBy(l => l.Id).ToListAsync(ct);
        return [.. rows.Select(r => LineOf(r, new OrganizationId(invoices[r.InvoiceId].Provider)))];
    }

    /// <summary>The organizations that completed referrals: those that can bill.</summary>
    public async Task<List<string>> ProvidersAsync(CommunityId community, CancellationToken ct = default) =>
        await db.Referrals.AsNoTracking().Where(r => r.CommunityId == community.Value && r.Status == "completed" && r.ToOrganization != null)
            .Select(r => r.ToOrganization!).Distinct().OrderBy(p => p).ToListAsync(ct);

    /// <summary>The referrals a provider completed with <c>closed_at</c> in [from, to), not yet billed.</summary>
    public async Task<IReadOnlyList<Referrals.ReferralRow>> BillableAsync(CommunityId community, OrganizationId provider, DateTimeOffset from, DateTimeOffset to, CancellationToken ct = default) =>
        await db.Referrals.AsNoTracking()
            .Where(r => r.CommunityId == community.Value && r.ToOrganization == provider.Value && r.Status == "completed" && r.ClosedAt >= from && r.ClosedAt < to
                        && !db.InvoiceLines.Any(l => l.CommunityId == community.Value && l.ReferralId == r.Id))
            .OrderBy(r => r.ClosedAt).ToListAsync(ct);

    /// <summary>The lines a stream now pays for (allocations not reversed), each with the stream's share.</summary>
    public async Task<IReadOnlyList<(StoredLine Line, decimal Share)>> SharesAsync(CommunityId community, string streamId, CancellationToken ct = default)
    {
        var account = Accounts.Stream(streamId);
        var rows = await (from line in db.InvoiceLines.AsNoTracking()
                          join invoice in db.Invoices.AsNoTracking() on new { line.CommunityId, Id = line.InvoiceId } equals new { invoice.CommunityId, invoice.Id }
                          join posting in db.LedgerLines.AsNoTracking() on new { line.CommunityId, EntryId = line.AllocationEntry! } equals new { posting.CommunityId, posting.EntryId }
                          where line.CommunityId == community.Value && posting.Account == account
                          select new { line, invoice.Provider, posting.AmountCents }).ToListAsync(ct);
        return [.. rows.Select(r => (LineOf(r.line, new OrganizationId(r.Provider)), Money.FromCents(-r.AmountCents)))];
    }

    /// <summary>What each stream has already paid for each person among <paramref name="people"/>, net of reversals.</summary>
    public async Task<Dictionary<(string Stream, string Person), decimal>> SpentOnPeopleAsync(CommunityId community, IReadOnlyCollection<string> people, CancellationToken ct = default)
    {
        var shares = await (from line in db.InvoiceLines.AsNoTracking()
                            join entry in db.LedgerEntries.AsNoTracking() on new { line.CommunityId, Id = line.AllocationEntry! } equals new { entry.CommunityId, entry.Id }
                            join posting in db.LedgerLines.AsNoTracking() on new { entry.CommunityId, EntryId = entry.Id } equals new { posting.CommunityId, posting.EntryId }
                            where line.CommunityId == community.Value && people.Contains(line.PersonId) && posting.Account.StartsWith("stream:")
                            select new { line.PersonId, posting.Account, posting.AmountCents }).ToListAsync(ct);
        return shares.GroupBy(s => (s.Account["stream:".Length..], s.PersonId)).ToDictionary(g => g.Key, g => Money.FromCents(-g.Sum(s => s.AmountCents)));
    }

    /// <summary>
    /// Allocates an unallocated line by posting <paramref name="entry"/> (stream shares out, the
    /// provider's payable in) and using the provider's authorizations; throws
    /// <see cref="DomainRuleException"/> when a stream or authorization lacks the money, or when the
    /// line was allocated meanwhile. Run it in a transaction: a refusal must undo the whole entry.
    /// </summary>
    public async Task AllocateAsync(CommunityId community, StoredLine line, LedgerEntry entry, AllocationPlan plan, string actor, CancellationToken ct = default)
    {
        var claimed = await db.InvoiceLines.Where(l => l.CommunityId == community.Value && l.Id == line.Cost.LineId && l.AllocationEntry == null)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.AllocationEntry, entry.Id), ct);
        if (claimed == 0) throw new DomainRuleException($"Invoice line {line.Cost.LineId} is already allocated.");
        foreach (var share in plan.Shares) await UseAuthorizationAsync(community, share.StreamId, line.Cost.Provider, Money.ToCents(share.Amount), ct);
        await PostAsync(community, entry, actor, line.Cost.LineId, plan.Method, Matched(plan), ct);
    }

    /// <summary>Reverses an allocation that is not yet paid: the streams get their money back and the line is free to allocate again.</summary>
    public async Task ReverseAllocationAsync(CommunityId community, LedgerEntry original, LedgerEntry reversal, string actor, CancellationToken ct = default)
    {
        var freed = await db.InvoiceLines.Where(l => l.CommunityId == community.Value && l.AllocationEntry == original.Id && l.PaymentEntry == null)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.AllocationEntry, (string?)null), ct);
        if (freed == 0) throw new DomainRuleException($"Entry {original.Id} allocates no unpaid line: reverse the payment first, or it was reversed already.");
        var lineId = (await db.LedgerEntries.AsNoTracking().FirstAsync(e => e.CommunityId == community.Value && e.Id == original.Id, ct)).InvoiceLineId!;
        var provider = original.Lines.Single(l => l.Amount > 0).Account["payable:".Length..];
        foreach (var line in original.Lines.Where(l => Accounts.IsStream(l.Account, out _)))
        {
            Accounts.IsStream(line.Account, out var stream);
            await UseAuthorizationAsync(community, stream, new OrganizationId(provider), Money.ToCents(line.Amount), ct);
        }

        await PostAsync(community, reversal, actor, lineId, ct: ct);
    }

    /// <summary>Pays the allocated, unpaid lines given, in one entry; lines paid meanwhile make it refuse.</summary>
    public async Task PayAsync(CommunityId community, IReadOnlyList<string> lineIds, LedgerEntry payment, string actor, CancellationToken ct = default)
    {
        var paid = await db.InvoiceLines.Where(l => l.CommunityId == community.Value && lineIds.Contains(l.Id) && l.AllocationEntry != null && l.PaymentEntry == null)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.PaymentEntry, payment.Id), ct);
        if (paid != lineIds.Count) throw new DomainRuleException("Some of the invoice's lines were paid or reversed meanwhile; nothing was paid.");
        await PostAsync(community, payment, actor, ct: ct);
    }

    /// <summary>Appends an entry and moves the stream balances it touches, each guarded against going below zero.</summary>
    public async Task PostAsync(CommunityId community, LedgerEntry entry, string actor, string? lineId = null, FundingMethod? method = null, string? matched = null, CancellationToken ct = default)
    {
        db.LedgerEntries.Add(new LedgerEntryRow
        {
            CommunityId = community.Value, Id = entry.Id, Kind = entry.Kind.ToString(), Memo = entry.Memo, At = entry.At, Actor = actor, Reverses = entry.Reverses,
            InvoiceLineId = lineId, Method = method?.ToString(), Matched = matched,
        });
        await db.SaveChangesAsync(ct);
        db.LedgerLines.AddRange(entry.Lines.Select((l, i) => new LedgerLineRow { CommunityId = community.Value, EntryId = entry.Id, LineNo = i + 1, Account = l.Account, AmountCents = Money.ToCents(l.Amount) }));
        await db.SaveChangesAsync(ct);
        foreach (var (account, change) in entry.Lines.GroupBy(l => l.Account).Select(g => (g.Key, Money.ToCents(g.Sum(l => l.Amount)))))
        {
            if (!Accounts.IsStream(account, out var stream)) continue;
            var moved = await db.FundingStreams.Where(s => s.CommunityId == community.Value && s.Id == stream && s.BalanceCents + change >= 0)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.BalanceCents, r => r.BalanceCents + change), ct);
            if (moved == 0) throw new DomainRuleException($"Stream {stream} has less left than the {Money.FromCents(-change)} entry {entry.Id} takes.");
        }
    }

    /// <summary>
    /// Writes a whole set of books at once into a community that has none (the demo's): the
    /// streams with the balances the entries leave them, the authorizations with what they used,
    /// the invoices and their lines, and every entry. The entries must have been posted to
    /// <paramref name="ledger"/>, which checked them.
    /// </summary>
    public async Task SeedAsync(CommunityId community, IReadOnlyList<FundingStream> streams, IReadOnlyList<FundingAuthorizationRow> authorizations,
        IReadOnlyList<InvoiceRow> invoices, IReadOnlyList<InvoiceLineRow> lines, Ledger ledger, IReadOnlyDictionary<string, (string? LineId, FundingMethod? Method, string? Matched)> meta,
        string actor, DateTimeOffset now, CancellationToken ct = default)
    {
        var c = community.Value;
        // EF does not know the foreign keys between these tables, so each goes in its own batch, parents first.
        db.FundingStreams.AddRange(streams.Select(s => new FundingStreamRow
        {
            CommunityId = c, Id = s.Id, Funder = s.Funder.Value, Name = s.Name, AmountCents = Money.ToCents(s.Amount), StartOn = Day(s.Start), EndOn = Day(s.End),
            Method = s.Method.ToString(), Rules = JsonSerializer.Serialize(s.Rules, Json), BalanceCents = Money.ToCents(ledger.Balance(Accounts.Stream(s.Id))), CreatedAt = now,
        }));
        await db.SaveChangesAsync(ct);
        foreach (var a in authorizations) a.CommunityId = c;
        db.FundingAuthorizations.AddRange(authorizations);
        await db.SaveChangesAsync(ct);
        foreach (var i in invoices) i.CommunityId = c;
        db.Invoices.AddRange(invoices);
        await db.SaveChangesAsync(ct);
        foreach (var l in lines) l.CommunityId = c;
        db.InvoiceLines.AddRange(lines);
        await db.SaveChangesAsync(ct);
        db.LedgerEntries.AddRange(ledger.Entries.Select(e => new LedgerEntryRow
        {
            CommunityId = c, Id = e.Id, Kind = e.Kind.ToString(), Memo = e.Memo, At = e.At, Actor = actor, Reverses = e.Reverses,
            InvoiceLineId = meta.GetValueOrDefault(e.Id).LineId, Method = meta.GetValueOrDefault(e.Id).Method?.ToString(), Matched = meta.GetValueOrDefault(e.Id).Matched,
        }));
        await db.SaveChangesAsync(ct);
        db.LedgerLines.AddRange(ledger.Entries.SelectMany(e => e.Lines.Select((l, i) => new LedgerLineRow { CommunityId = c, EntryId = e.Id, LineNo = i + 1, Account = l.Account, AmountCents = Money.ToCents(l.Amount) })));
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }

    public static string Matched(AllocationPlan plan) => JsonSerializer.Serialize(plan.Shares, Json);

    /// <summary>Every entry with its lines, by time; entries of the same instant fund, then allocate, then pay, then reverse, as they can only have been posted.</summary>
    public async Task<IReadOnlyList<(LedgerEntry Entry, LedgerEntryRow Row)>> LedgerAsync(CommunityId community, CancellationToken ct = default)
    {
        var entries = await db.LedgerEntries.AsNoTracking().Where(e => e.CommunityId == community.Value).ToListAsync(ct);
        var lines = (await db.LedgerLines.AsNoTracking().Where(l => l.CommunityId == community.Value).ToListAsync(ct)).ToLookup(l => l.EntryId);
        return [.. entries.OrderBy(e => e.At).ThenBy(e => Enum.Parse<EntryKind>(e.Kind)).ThenBy(e => e.Id, StringComparer.Ordinal).Select(e => (new LedgerEntry
        {
            Id = e.Id, At = e.At, Kind = Enum.Parse<EntryKind>(e.Kind), Memo = e.Memo, Reverses = e.Reverses,
            Lines = [.. lines[e.Id].OrderBy(l => l.LineNo).Select(l => new LedgerLine(l.Account, Money.FromCents(l.AmountCents)))],
        }, e))];
    }

    private async Task UseAuthorizationAsync(CommunityId community, string stream, OrganizationId provider, long cents, CancellationToken ct)
    {
        var used = await db.FundingAuthorizations
            .Where(a => a.CommunityId == community.Value && a.StreamId == stream && a.Provider == provider.Value && a.UsedCents + cents <= a.LimitCents && a.UsedCents + cents >= 0)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.UsedCents, a => a.UsedCents + cents), ct);
        if (used == 0) throw new DomainRuleException($"{provider} is not authorized for {Money.FromCents(cents)} more of stream {stream}.");
    }

    public static FundingStream StreamOf(FundingStreamRow r) => new()
    {
        Id = r.Id, Funder = new OrganizationId(r.Funder), Name = r.Name, Amount = Money.FromCents(r.AmountCents), Start = DateOnly.Parse(r.StartOn, CultureInfo.InvariantCulture),
        End = DateOnly.Parse(r.EndOn, CultureInfo.InvariantCulture), Method = Enum.Parse<FundingMethod>(r.Method), Rules = JsonSerializer.Deserialize<FundingRules>(r.Rules, Json) ?? new(),
    };

    public static StoredLine LineOf(InvoiceLineRow r, OrganizationId provider) => new(new Cost
    {
        LineId = r.Id, Provider = provider, Person = new PersonId(r.PersonId), Need = r.Need, Service = r.Service, DeliveredOn = DateOnly.Parse(r.DeliveredOn, CultureInfo.InvariantCulture),
        Units = r.Units, Amount = Money.FromCents(r.AmountCents), Facts = new PersonFacts { Age = r.Age, IncomeBand = r.IncomeBand, County = r.County, Zip = r.Zip },
    }, r.InvoiceId, r.ReferralId, r.Tract, r.AllocationEntry, r.PaymentEntry);

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
