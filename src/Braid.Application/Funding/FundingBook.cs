using Braid.Core.Funding;
using Braid.Data.Funding;

namespace Braid.Application.Funding;

/// <summary>
/// Where every stream stands while a batch of costs is planned: what each has left, what each
/// provider's authorization has left, and what each stream has paid for each person, moved on as
/// each cost is allocated, so the next cost is planned against the money really left. The store's
/// guarded updates still decide when another writer got there first.
/// </summary>
internal sealed class FundingBook
{
    private readonly IReadOnlyList<StoredStream> _streams;
    private readonly Dictionary<string, decimal> _remaining;
    private readonly Dictionary<(string Stream, string Provider), decimal> _authorized;
    private readonly Dictionary<(string Stream, string Person), decimal> _spent;

    private FundingBook(IReadOnlyList<StoredStream> streams, IEnumerable<(Authorization Authorization, decimal Used)> authorizations, Dictionary<(string, string), decimal> spent)
    {
        _streams = streams;
        _remaining = streams.ToDictionary(s => s.Stream.Id, s => s.Remaining);
        _authorized = authorizations.ToDictionary(a => (a.Authorization.StreamId, a.Authorization.Provider.Value), a => a.Authorization.Limit - a.Used);
        _spent = spent;
    }

    /// <summary>A book over streams and authorizations already in hand (nothing spent on anyone yet).</summary>
    public static FundingBook Of(IReadOnlyList<StoredStream> streams, IEnumerable<(Authorization Authorization, decimal Used)> authorizations) => new(streams, authorizations, []);

    public static async Task<FundingBook> LoadAsync(FundingStore store, CommunityId community, IEnumerable<StoredLine> lines, CancellationToken ct)
    {
        var people = lines.Select(l => l.Cost.Person.Value).Distinct().ToList();
        return new FundingBook(await store.StreamsAsync(community, ct: ct), await store.AuthorizationsAsync(community, ct), await store.SpentOnPeopleAsync(community, people, ct));
    }

    public AllocationPlan Plan(Cost cost) => FundingAllocator.Plan(cost, [.. _streams.Select(s => new StreamPosition(
        s.Stream, _remaining[s.Stream.Id], _authorized.TryGetValue((s.Stream.Id, cost.Provider.Value), out var left) ? left : null,
        _spent.GetValueOrDefault((s.Stream.Id, cost.Person.Value))))]);

    public void Allocated(Cost cost, AllocationPlan plan)
    {
        foreach (var share in plan.Shares)
        {
            _remaining[share.StreamId] -= share.Amount;
            _authorized[(share.StreamId, cost.Provider.Value)] -= share.Amount;
            _spent[(share.StreamId, cost.Person.Value)] = _spent.GetValueOrDefault((share.StreamId, cost.Person.Value)) + share.Amount;
        }
    }

    /// <summary>The balanced entry that allocates a cost as planned: each stream's share out, the provider's payable in.</summary>
    public static LedgerEntry Entry(Cost cost, AllocationPlan plan, DateTimeOffset at) => LedgerEntry.Create(
        "allocation:" + cost.LineId + ":" + Guid.NewGuid().ToString("N")[..8], at, EntryKind.Allocate, $"{plan.Method} allocation of invoice line {cost.LineId}",
        [.. plan.Shares.Select(s => new LedgerLine(Accounts.Stream(s.StreamId), -s.Amount)), new LedgerLine(Accounts.Payable(cost.Provider), cost.Amount)]);
}
