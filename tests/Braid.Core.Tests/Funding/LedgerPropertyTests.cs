using Braid.Core.Funding;
using FsCheck;
using FsCheck.Fluent;

namespace Braid.Core.Tests.Funding;

/// <summary>
/// The ledger's invariants over random sequences of postings (FsCheck), each checked against sums
/// of the entries' own lines. An operation is one random integer: its residues pick the kind of
/// entry, the stream and the party, and its size the amount.
/// </summary>
public sealed class LedgerPropertyTests
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(300);

    private static readonly DateTimeOffset At = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly OrganizationId[] Funders = [new("plan"), new("county")];
    private static readonly OrganizationId[] Providers = [new("pantry"), new("shelter")];

    [Fact]
    public void An_entry_is_accepted_exactly_when_its_lines_balance() => Prop.ForAll<int[]>(AcceptedExactlyWhenBalanced).Check(Runs);

    [Fact]
    public void Allocations_never_exceed_a_stream_and_the_books_always_balance() => Prop.ForAll<int[]>(NeverOverAllocated).Check(Runs);

    [Fact]
    public void Reversing_entries_restore_the_balances_of_the_entries_left_standing() => Prop.ForAll<int[], bool[]>(ReversalsRestore).Check(Runs);

    [Fact]
    public void A_split_adds_up_to_the_cent_and_each_share_is_within_a_cent_of_its_exact_part() => Prop.ForAll<int, int[]>(SplitExact).Check(Runs);

    private static bool AcceptedExactlyWhenBalanced(int[] cents)
    {
        var lines = cents.Where(c => c != 0).Select((c, i) => new LedgerLine("account:" + i, c / 100m)).ToList();
        // Half the time, a line that balances the others, so balanced entries are tried as often as unbalanced ones.
        if (cents.Length % 2 == 0 && lines.Sum(l => l.Amount) is var sum and not 0) lines.Add(new LedgerLine("balancing", -sum));
        var balanced = lines.Count >= 2 && lines.Sum(l => l.Amount) == 0;
        try
        {
            LedgerEntry.Create("e", At, EntryKind.Fund, "", lines);
            return balanced;
        }
        catch (DomainRuleException)
        {
            return !balanced;
        }
    }

    /// <summary>
    /// Random funding, allocation and payment entries, each posted when the ledger accepts it: no
    /// stream or payable goes below zero, no stream gives out more than it was funded, every
    /// refused entry left the balances as they were, and the balances sum to zero.
    /// </summary>
    private static bool NeverOverAllocated(int[] operations)
    {
        var ledger = new Ledger();
        var n = 0;
        foreach (var operation in operations)
        {
            var entry = Entry($"e{n++}", operation);
            var before = ledger.Balances.ToDictionary();
            if (ledger.Accepts(entry, out _)) ledger.Post(entry);
            else if (!Throws(() => ledger.Post(entry)) || !Same(before, ledger.Balances)) return false;

            if (ledger.Balances.Any(b => Accounts.MustStayCovered(b.Key) && b.Value < 0)) return false;
        }

        foreach (var stream in Enumerable.Range(0, 3).Select(i => Accounts.Stream("s" + i)))
        {
            var lines = ledger.Entries.SelectMany(e => e.Lines).Where(l => l.Account == stream).ToList();
            if (-lines.Where(l => l.Amount < 0).Sum(l => l.Amount) > lines.Where(l => l.Amount > 0).Sum(l => l.Amount)) return false;
        }

        return ledger.Balances.Values.Sum() == 0 && ledger.Entries.All(e => e.Lines.Sum(l => l.Amount) == 0);
    }

    /// <summary>
    /// Post entries, then reverse some of them (newest first, as a bookkeeper corrects): the
    /// balances are those of the entries left standing, and no entry is reversed twice.
    /// </summary>
    private static bool ReversalsRestore(int[] operations, bool[] reverse)
    {
        var ledger = new Ledger();
        var n = 0;
        foreach (var operation in operations)
        {
            var entry = Entry($"e{n++}", operation);
            if (ledger.Accepts(entry, out _)) ledger.Post(entry);
        }

        var posted = ledger.Entries.ToList();
        var reversed = new HashSet<string>();
        for (var i = posted.Count - 1; i >= 0; i--)
        {
            if (i >= reverse.Length || !reverse[i]) continue;
            var reversal = posted[i].Reversal("r" + i, At, "correction");
            if (!ledger.Accepts(reversal, out _)) continue;
            ledger.Post(reversal);
            reversed.Add(posted[i].Id);
            if (!Throws(() => ledger.Post(posted[i].Reversal("again" + i, At, "twice")))) return false;
        }

        var standing = posted.Where(e => !reversed.Contains(e.Id)).SelectMany(e => e.Lines).GroupBy(l => l.Account).ToDictionary(g => g.Key, g => g.Sum(l => l.Amount));
        return ledger.Balances.All(b => b.Value == standing.GetValueOrDefault(b.Key)) && standing.All(s => s.Value == ledger.Balance(s.Key));
    }

    private static bool SplitExact(int cents, int[] weights)
    {
        if (weights.Length == 0) return true;
        var amount = Math.Abs(cents % 100_000_000) / 100m;
        var w = weights.Select(x => (decimal)(Math.Abs(x % 1000) + 1)).ToList();
        var shares = Money.Split(amount, w);
        var total = w.Sum();
        return shares.Sum() == amount && shares.Select((s, i) => Math.Abs(s - amount * w[i] / total)).All(d => d < 0.01m) && shares.All(Money.IsCents);
    }

    private static LedgerEntry Entry(string id, int operation)
    {
        var x = (uint)operation;
        var amount = (x / 18 % 500_000 + 1) / 100m;
        var stream = Accounts.Stream("s" + x / 3 % 3);
        var provider = Providers[x / 9 % 2];
        return (x % 3) switch
        {
            0 => LedgerEntry.Create(id, At, EntryKind.Fund, "fund", [new(Accounts.Funder(Funders[x / 9 % 2]), -amount), new(stream, amount)]),
            1 => LedgerEntry.Create(id, At, EntryKind.Allocate, "allocate", [new(stream, -amount), new(Accounts.Payable(provider), amount)]),
            _ => LedgerEntry.Create(id, At, EntryKind.Pay, "pay", [new(Accounts.Payable(provider), -amount), new(Accounts.Paid(provider), amount)]),
        };
    }

    private static bool Throws(Action action)
    {
        try
        {
            action();
            return false;
        }
        catch (DomainRuleException)
        {
            return true;
        }
    }

    private static bool Same(Dictionary<string, decimal> before, IReadOnlyDictionary<string, decimal> after) =>
        before.Count == after.Count && before.All(b => after.TryGetValue(b.Key, out var v) && v == b.Value);
}
