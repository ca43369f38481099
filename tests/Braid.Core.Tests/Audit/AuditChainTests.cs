using Braid.Core.Audit;

namespace Braid.Core.Tests.Audit;

public sealed class AuditChainTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);

    /// <summary>A lane of events numbered as given (1, 2, 3… by default).</summary>
    private static List<AuditEvent> Chain(int count, int lane = 1, Func<int, long>? number = null)
    {
        var events = new List<AuditEvent>();
        var previous = AuditChain.Genesis;
        for (var i = 1; i <= count; i++)
        {
            var seq = number?.Invoke(i) ?? i;
            var e = AuditChain.Next(seq, Start.AddMinutes(seq), new AuditEntry("demo", $"user:{seq}", "directory.service.edit", "allowed", "org-1", $"service:{seq}"), previous, lane, i);
            events.Add(e);
            previous = e.Hash;
        }

        return events;
    }

    private static AuditLane[] Head(List<AuditEvent> lane, long? events = null) => [new(1, events ?? lane.Count, lane.Count == 0 ? AuditChain.Genesis : lane[^1].Hash)];

    [Fact]
    public void The_hash_is_SHA_256_of_the_documented_canonical_form()
    {
        // Expected value computed independently with Python's hashlib over the fields joined by U+001F:
        // seq, UTC time to 100 ns, community, actor, action, outcome, organization, target, address, purpose, previous hash.
        var entry = new AuditEntry("demo", "user:ana", "directory.service.edit", "allowed", "org-1", "service:abc", "127.0.0.1", "keep listing current");
        Assert.Equal("5677a185589fad2212cd07e2c80fdcb705e1e333e4a424d7602fff18d75702e4",
            AuditChain.HashOf(1, new DateTimeOffset(2026, 11, 22, 3, 0, 0, TimeSpan.FromHours(-5)), entry, AuditChain.Genesis));
    }

    [Fact]
    public void An_untouched_chain_verifies()
    {
        var chain = Chain(5);
        var result = AuditChain.Verify(chain, Head(chain, 5));
        Assert.True(result.Intact);
        Assert.Equal(5, result.Verified);
        Assert.True(AuditChain.Verify([], [new AuditLane(1, 0, AuditChain.Genesis), new AuditLane(2, 0, AuditChain.Genesis)]).Intact);
    }

    [Fact]
    public void Given_an_edited_event_Then_verification_names_it()
    {
        var chain = Chain(5);
        chain[2] = chain[2] with { Entry = chain[2].Entry with { Actor = "user:mallory" } };
        var result = AuditChain.Verify(chain, Head(chain, 5));
        Assert.False(result.Intact);
        Assert.Equal(3, result.BrokenAt);
        Assert.Equal(2, result.Verified);
        Assert.Contains("changed", result.Problem);
    }

    [Fact]
    public void Given_an_edited_event_with_its_hash_recomputed_Then_the_next_link_breaks()
    {
        var chain = Chain(5);
        var forged = chain[2].Entry with { Outcome = "denied" };
        chain[2] = AuditChain.Next(3, chain[2].At, forged, chain[2].PreviousHash, 1, 3);
        var result = AuditChain.Verify(chain, Head(chain, 5));
        Assert.Equal(4, result.BrokenAt);
        Assert.Contains("does not link", result.Problem);
    }

    [Fact]
    public void Given_a_deleted_event_Then_verification_says_which_is_missing()
    {
        var chain = Chain(5);
        var head = Head(chain);
        chain.RemoveAt(1);
        var result = AuditChain.Verify(chain, head);
        Assert.Equal(3, result.BrokenAt);
        Assert.Contains("event 2 of lane 1 is missing (the next stored event is 3, its 3)", result.Problem);
    }

    [Fact]
    public void Given_the_last_events_cut_off_Then_the_head_reveals_it()
    {
        var chain = Chain(5);
        var result = AuditChain.Verify(chain.Take(3), Head(chain));
        Assert.False(result.Intact);
        Assert.Contains("events 4 to 5 of lane 1 are missing from its end", result.Problem);
    }

    [Fact]
    public void Given_two_events_read_in_the_wrong_order_Then_verification_says_so()
    {
        var chain = Chain(5);
        (chain[1], chain[2]) = (chain[2], chain[1]);
        var result = AuditChain.Verify(chain, Head(chain, 5));
        Assert.False(result.Intact);
        Assert.Equal((3, 1), (result.BrokenAt, result.Verified));
        Assert.Contains("event 2 of lane 1 is missing", result.Problem);
    }

    [Fact]
    public void Given_two_events_renumbered_into_each_others_place_Then_the_hashes_no_longer_match()
    {
        var chain = Chain(5);
        var (second, third) = (chain[1], chain[2]);
        chain[1] = third with { Seq = 2 };
        chain[2] = second with { Seq = 3 };
        var result = AuditChain.Verify(chain, Head(chain, 5));
        Assert.False(result.Intact);
        Assert.Equal(2, result.BrokenAt);
    }

    [Fact]
    public void Lanes_verify_each_on_its_own_and_numbers_may_skip_within_one()
    {
        // Two writers took lanes 1 and 2 side by side; number 6 was taken by a transaction that rolled back.
        var one = Chain(3, lane: 1, number: i => new long[] { 1, 3, 7 }[i - 1]);
        var two = Chain(2, lane: 2, number: i => new long[] { 2, 9 }[i - 1]);
        AuditLane[] heads = [new(1, 3, one[^1].Hash), new(2, 2, two[^1].Hash), new(3, 0, AuditChain.Genesis)];
        var result = AuditChain.Verify([.. one, .. two], heads);
        Assert.True(result.Intact, result.Problem);
        Assert.Equal(5, result.Verified);

        Assert.Contains("events 1 to 2 of lane 2 are missing", AuditChain.Verify(one, heads).Problem);
        // An event moved into another lane links to neither.
        var moved = one.Append(two[1] with { Lane = 1, Position = 4 }).ToList();
        Assert.Contains("event 9 does not link to the event before it in lane 1", AuditChain.Verify([.. moved, two[0]], heads).Problem);
    }
}
