using Braid.Core;
using Braid.Core.Funding;
using Braid.Data.Funding;
using Braid.Testing;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.EntityFrameworkCore;

namespace Braid.Data.Tests.Funding;

public sealed class FundingStoreTests
{
    public static TheoryData<string> Providers => new(TestDatabases.Providers);

    private static readonly CommunityId Community = new("demo");
    private static readonly OrganizationId Funder = new("plan"), Pantry = new("pantry");
    private static readonly DateTimeOffset Now = new(2026, 3, 31, 12, 0, 0, TimeSpan.Zero);

    /// <summary>A stream of <paramref name="amount"/>, the pantry authorized for all of it, and one invoice with a line per cost.</summary>
    private static async Task<string> SeedAsync(string provider, decimal amount, IReadOnlyList<decimal> costs)
    {
        var cs = await TestDatabases.CreateAsync(provider);
        await using var db = DatabaseOptions.CreateContext(cs);
        var store = new FundingStore(db);
        var stream = new FundingStream { Id = "s", Funder = Funder, Name = "Plan", Amount = amount, Start = new DateOnly(2026, 1, 1), End = new DateOnly(2026, 12, 31) };
        await db.InTransactionAsync(async _ =>
        {
            await store.AddStreamAsync(Community, stream, LedgerEntry.Create("fund", Now, EntryKind.Fund, "fund", [new(Accounts.Funder(Funder), -amount), new(Accounts.Stream("s"), amount)]), "test", Now);
            await store.AuthorizeAsync(Community, new Authorization("s", Pantry, amount));
            await store.AddInvoiceAsync(Community, new InvoiceRow { Id = "inv", Provider = Pantry.Value, Month = "2026-03", UnitPriceCents = 100, SubmittedBy = "test", SubmittedAt = Now },
                [.. costs.Select((c, i) => new InvoiceLineRow { Id = "line" + i, ReferralId = "ref" + i, PersonId = "p" + i, Need = "food-insecurity", Service = "Food Pantry", DeliveredOn = "2026-03-02", Units = 1, AmountCents = Money.ToCents(c) })]);
            return true;
        });
        return cs;
    }

    private static async Task<bool> TryAllocateAsync(string cs, StoredLine line)
    {
        await using var db = DatabaseOptions.CreateContext(cs);
        var store = new FundingStore(db);
        var streams = await store.StreamsAsync(Community);
        var plan = FundingAllocator.Plan(line.Cost, [.. streams.Select(s => new StreamPosition(s.Stream, s.Remaining, s.Stream.Amount, 0))]);
        if (!plan.Allocated) return false;
        var entry = LedgerEntry.Create("alloc-" + line.Cost.LineId, Now, EntryKind.Allocate, "allocate", [.. plan.Shares.Select(s => new LedgerLine(Accounts.Stream(s.StreamId), -s.Amount)), new(Accounts.Payable(Pantry), line.Cost.Amount)]);
        try
        {
            await db.InTransactionAsync(async _ =>
            {
                await store.AllocateAsync(Community, line, entry, plan, "test");
                return true;
            });
            return true;
        }
        catch (DomainRuleException)
        {
            return false;
        }
    }

    /// <summary>
    /// Random costs, each allocated by its own writer at the same time, all planned against the
    /// same stale balance: whatever the interleaving, what was allocated never exceeds the stream,
    /// and the stream's balance is the ledger's sum for its account.
    /// </summary>
    [Theory, MemberData(nameof(Providers))]
    public void Concurrent_allocation_cannot_over_allocate_a_stream(string provider) =>
        Prop.ForAll<int[]>(cents => Allocate(provider, [.. cents.Take(16).Select(c => Math.Abs(c % 4000) / 100m + 5m)]).GetAwaiter().GetResult())
            .Check(Config.QuickThrowOnFailure.WithMaxTest(6).WithStartSize(40));

    private static async Task<bool> Allocate(string provider, IReadOnlyList<decimal> costs)
    {
        if (costs.Count == 0) return true;
        var cs = await SeedAsync(provider, 100m, costs);
        IReadOnlyList<StoredLine> lines;
        await using (var db = DatabaseOptions.CreateContext(cs)) lines = await new FundingStore(db).LinesAsync(Community, ["inv"]);

        var allocated = await Task.WhenAll(lines.Select(line => TryAllocateAsync(cs, line)));

        await using var check = DatabaseOptions.CreateContext(cs);
        var store = new FundingStore(check);
        var spent = lines.Where((_, i) => allocated[i]).Sum(l => l.Cost.Amount);
        var balance = (await store.StreamsAsync(Community)).Single().Remaining;
        var ledger = new Ledger();
        foreach (var (entry, _) in await store.LedgerAsync(Community)) ledger.Post(entry);
        var allocatedLines = (await store.LinesAsync(Community, ["inv"])).Count(l => l.AllocationEntry is not null);
        return spent <= 100m && balance == 100m - spent && ledger.Balance(Accounts.Stream("s")) == balance
            && ledger.Balance(Accounts.Payable(Pantry)) == spent && allocatedLines == allocated.Count(a => a) && allocated.Any(a => a);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_second_allocation_of_a_line_is_refused_and_a_reversal_frees_it(string provider)
    {
        var cs = await SeedAsync(provider, 100m, [30m]);
        await using var db = DatabaseOptions.CreateContext(cs);
        var store = new FundingStore(db);
        var line = (await store.LinesAsync(Community, ["inv"])).Single();
        Assert.True(await TryAllocateAsync(cs, line));
        Assert.False(await TryAllocateAsync(cs, line));

        var original = (await store.LedgerAsync(Community)).Single(e => e.Entry.Kind == EntryKind.Allocate).Entry;
        await db.InTransactionAsync(async _ =>
        {
            await store.ReverseAllocationAsync(Community, original, original.Reversal("undo", Now, "wrong month"), "test");
            return true;
        });
        await Assert.ThrowsAsync<DomainRuleException>(() => db.InTransactionAsync(async _ =>
        {
            await store.ReverseAllocationAsync(Community, original, original.Reversal("undo-again", Now, "twice"), "test");
            return true;
        }));

        db.ChangeTracker.Clear();
        Assert.Equal(100m, (await store.StreamsAsync(Community)).Single().Remaining);
        Assert.Null((await store.LinesAsync(Community, ["inv"])).Single().AllocationEntry);
        Assert.Equal(0, (await store.AuthorizationsAsync(Community)).Single().Used);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task The_ledger_refuses_to_be_rewritten_in_the_database(string provider)
    {
        var cs = await SeedAsync(provider, 100m, [30m]);
        await using var db = DatabaseOptions.CreateContext(cs);

        var update = await Record.ExceptionAsync(() => db.Database.ExecuteSqlRawAsync("UPDATE ledger_lines SET amount_cents = amount_cents * 2"));
        var delete = await Record.ExceptionAsync(() => db.Database.ExecuteSqlRawAsync("DELETE FROM ledger_entries"));
        var overdraw = await Record.ExceptionAsync(() => db.Database.ExecuteSqlRawAsync("UPDATE funding_streams SET balance_cents = -1"));

        Assert.Contains("append-only", update?.Message);
        Assert.Contains("append-only", delete?.Message);
        Assert.NotNull(overdraw);
        Assert.Equal(2, await db.LedgerLines.CountAsync());
    }
}
