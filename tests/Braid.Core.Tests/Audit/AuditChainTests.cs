using Braid.Core.Audit;

namespace Braid.Core.Tests.Audit;

public sealed class AuditChainTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);

    private static List<AuditEvent> Chain(int count)
    {
        var events = new List<AuditEvent>();
        var previous = AuditChain.Genesis;
        for (var i = 1; i <= count; i++)
        {
            var e = AuditChain.Next(i, Start.AddMinutes(i), new AuditEntry("demo", $"user:{i}", "directory.service.edit", "allowed", "org-1", $"service:{i}"), previous);
            events.Add(e);
            previous = e.Hash;
        }

        return events;
    }

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
        var result = AuditChain.Verify(chain, 5, chain[^1].Hash);
        Assert.True(result.Intact);
        Assert.Equal(5, result.Verified);
        Assert.True(AuditChain.Verify([], 0, AuditChain.Genesis).Intact);
    }

    [Fact]
    public void Given_an_edited_event_Then_verification_names_it()
    {
        var chain = Chain(5);
        chain[2] = chain[2] with { Entry = chain[2].Entry with { Actor = "user:mallory" } };
        var result = AuditChain.Verify(chain, 5, chain[^1].Hash);
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
        chain[2] = AuditChain.Next(3, chain[2].At, forged, chain[2].PreviousHash);
        var result = AuditChain.Verify(chain, 5, chain[^1].Hash);
        Assert.Equal(4, result.BrokenAt);
        Assert.Contains("does not link", result.Problem);
    }

    [Fact]
    public void Given_a_deleted_event_Then_verification_says_which_is_missing()
    {
        var chain = Chain(5);
        chain.RemoveAt(1);
        var result = AuditChain.Verify(chain, 5, chain[^1].Hash);
        Assert.Equal(2, result.BrokenAt);
        Assert.Contains("event 2 is missing", result.Problem);
    }

    [Fact]
    public void Given_the_last_events_cut_off_Then_the_head_reveals_it()
    {
        var chain = Chain(5);
        var head = chain[^1].Hash;
        var result = AuditChain.Verify(chain.Take(3), 5, head);
        Assert.False(result.Intact);
        Assert.Contains("events 4 to 5 are missing", result.Problem);
    }

    [Fact]
    public void Given_two_events_read_in_the_wrong_order_Then_verification_says_so()
    {
        var chain = Chain(5);
        (chain[1], chain[2]) = (chain[2], chain[1]);
        var result = AuditChain.Verify(chain, 5, chain[^1].Hash);
        Assert.False(result.Intact);
        Assert.Equal(2, result.BrokenAt);
        Assert.Contains("missing", result.Problem);
    }

    [Fact]
    public void Given_two_events_renumbered_into_each_others_place_Then_the_hashes_no_longer_match()
    {
        var chain = Chain(5);
        var (second, third) = (chain[1], chain[2]);
        chain[1] = third with { Seq = 2 };
        chain[2] = second with { Seq = 3 };
        var result = AuditChain.Verify(chain, 5, chain[^1].Hash);
        Assert.False(result.Intact);
        Assert.Equal(2, result.BrokenAt);
    }
}
