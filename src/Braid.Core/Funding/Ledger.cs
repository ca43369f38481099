namespace Braid.Core.Funding;

/// <summary>The ledger's accounts. A stream's balance is what it has left to allocate; a payable is what the intermediary owes a provider.</summary>
public static class Accounts
{
    /// <summary>What a funder committed (its balance goes negative as it funds streams).</summary>
    public static string Funder(OrganizationId funder) => "funder:" + funder;

    /// <summary>A stream's unallocated money.</summary>
    public static string Stream(string streamId) => "stream:" + streamId;

    /// <summary>Allocated to a provider's invoices and not yet paid.</summary>
    public static string Payable(OrganizationId provider) => "payable:" + provider;

    /// <summary>Paid out to a provider.</summary>
    public static string Paid(OrganizationId provider) => "paid:" + provider;

    public static bool IsStream(string account, out string streamId)
    {
        streamId = account.StartsWith("stream:", StringComparison.Ordinal) ? account["stream:".Length..] : "";
        return streamId.Length > 0;
    }

    /// <summary>Accounts that can never go below zero: a stream cannot be over-allocated and a provider cannot be paid more than it is owed.</summary>
    public static bool MustStayCovered(string account) =>
        account.StartsWith("stream:", StringComparison.Ordinal) || account.StartsWith("payable:", StringComparison.Ordinal);
}

public enum EntryKind { Fund, Allocate, Pay, Reverse }

/// <summary>One side of an entry: money into (positive) or out of (negative) an account, in whole cents.</summary>
public sealed record LedgerLine(string Account, decimal Amount);

/// <summary>
/// A balanced journal entry: its lines sum to zero, so money only moves between accounts. Entries
/// are never changed; a correction is a new entry that reverses an earlier one line by line.
/// </summary>
public sealed record LedgerEntry
{
    public required string Id { get; init; }
    public required DateTimeOffset At { get; init; }
    public required EntryKind Kind { get; init; }
    public required string Memo { get; init; }
    public required IReadOnlyList<LedgerLine> Lines { get; init; }

    /// <summary>The entry this one reverses.</summary>
    public string? Reverses { get; init; }

    /// <summary>Checks the entry balances; throws <see cref="DomainRuleException"/> naming what is wrong.</summary>
    public static LedgerEntry Create(string id, DateTimeOffset at, EntryKind kind, string memo, IReadOnlyList<LedgerLine> lines, string? reverses = null)
    {
        if (lines.Count < 2) throw new DomainRuleException($"Entry {id} has {lines.Count} line(s); a balanced entry needs at least two.");
        foreach (var line in lines)
        {
            if (line.Amount == 0) throw new DomainRuleException($"Entry {id} moves nothing on {line.Account}.");
            if (!Money.IsCents(line.Amount)) throw new DomainRuleException($"Entry {id}: {line.Amount} on {line.Account} is not a whole number of cents.");
        }

        var sum = lines.Sum(l => l.Amount);
        if (sum != 0) throw new DomainRuleException($"Entry {id} does not balance: its lines sum to {sum}.");
        return new LedgerEntry { Id = id, At = at, Kind = kind, Memo = memo, Lines = lines, Reverses = reverses };
    }

    /// <summary>A funder's commitment moving into its stream.</summary>
    public static LedgerEntry Funding(FundingStream stream, DateTimeOffset at) => Create("funding:" + stream.Id, at, EntryKind.Fund, $"{stream.Name} committed",
        [new LedgerLine(Accounts.Funder(stream.Funder), -stream.Amount), new LedgerLine(Accounts.Stream(stream.Id), stream.Amount)]);

    /// <summary>Paying a provider what its invoice for the month has allocated.</summary>
    public static LedgerEntry Payment(string id, DateTimeOffset at, OrganizationId provider, decimal amount, string month) => Create(id, at, EntryKind.Pay, $"Payment of invoice {month}",
        [new LedgerLine(Accounts.Payable(provider), -amount), new LedgerLine(Accounts.Paid(provider), amount)]);

    /// <summary>The entry that undoes this one.</summary>
    public LedgerEntry Reversal(string id, DateTimeOffset at, string memo) =>
        Kind == EntryKind.Reverse ? throw new DomainRuleException($"Entry {Id} is itself a reversal; post the original again instead.")
        : Create(id, at, EntryKind.Reverse, memo, [.. Lines.Select(l => l with { Amount = -l.Amount })], Id);
}

/// <summary>
/// The balances of an append-only ledger, enforcing what no posting may break: streams and
/// payables never go below zero, and an entry is reversed at most once.
/// </summary>
public sealed class Ledger
{
    private readonly Dictionary<string, decimal> _balances = new(StringComparer.Ordinal);
    private readonly List<LedgerEntry> _entries = [];
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal), _reversed = new(StringComparer.Ordinal);

    public IReadOnlyList<LedgerEntry> Entries => _entries;

    public decimal Balance(string account) => _balances.GetValueOrDefault(account);

    public IReadOnlyDictionary<string, decimal> Balances => _balances;

    /// <summary>Appends the entry, or throws <see cref="DomainRuleException"/> and changes nothing.</summary>
    public void Post(LedgerEntry entry)
    {
        if (!Accepts(entry, out var why)) throw new DomainRuleException(why);
        foreach (var line in entry.Lines) _balances[line.Account] = Balance(line.Account) + line.Amount;
        _entries.Add(entry);
        _ids.Add(entry.Id);
        if (entry.Reverses is { } original) _reversed.Add(original);
    }

    public bool Accepts(LedgerEntry entry, out string why)
    {
        why = "";
        if (_ids.Contains(entry.Id)) why = $"Entry {entry.Id} is already posted.";
        else if (entry.Reverses is { } original && !_ids.Contains(original)) why = $"Entry {original}, which {entry.Id} reverses, is not in the ledger.";
        else if (entry.Reverses is { } twice && _reversed.Contains(twice)) why = $"Entry {twice} is already reversed.";
        else
        {
            foreach (var (account, change) in entry.Lines.GroupBy(l => l.Account).Select(g => (g.Key, g.Sum(l => l.Amount))))
            {
                if (Accounts.MustStayCovered(account) && Balance(account) + change < 0)
                {
                    why = $"{account} has {Balance(account)}; entry {entry.Id} would take {-change}.";
                    break;
                }
            }
        }

        return why.Length == 0;
    }
}

/// <summary>Money in dollars with whole cents.</summary>
public static class Money
{
    public static bool IsCents(decimal amount) => decimal.Round(amount, 2) == amount;

    public static long ToCents(decimal amount) => IsCents(amount) ? (long)(amount * 100) : throw new DomainRuleException($"{amount} is not a whole number of cents.");

    public static decimal FromCents(long cents) => cents / 100m;

    /// <summary>
    /// Splits an amount in proportion to weights, in whole cents that add up to it exactly: each
    /// share rounded down, and the cents left over go to the largest remainders (ties to the earlier share).
    /// </summary>
    public static IReadOnlyList<decimal> Split(decimal amount, IReadOnlyList<decimal> weights)
    {
        var total = weights.Sum();
        if (amount < 0) throw new DomainRuleException($"Cannot split a negative amount ({amount}).");
        if (weights.Count == 0 || total <= 0 || weights.Any(w => w < 0)) throw new DomainRuleException("Shares need at least one positive weight and none negative.");
        var cents = ToCents(amount);
        var exact = weights.Select(w => cents * w / total).ToArray();
        var shares = exact.Select(e => (long)decimal.Floor(e)).ToArray();
        var left = cents - shares.Sum();
        foreach (var i in Enumerable.Range(0, weights.Count).OrderByDescending(i => exact[i] - shares[i]).ThenBy(i => i).Take((int)left)) shares[i]++;
        return [.. shares.Select(FromCents)];
    }
}
