using System.Security.Cryptography;
using System.Text;
using Braid.Core.Audit;

namespace Braid.Core.Tests.Audit;

public sealed class AuditCheckpointTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    /// <summary>A lane of events whose actors are given; hashes computed as the trail computes them.</summary>
    private static List<AuditEvent> Chain(params string[] actors)
    {
        var events = new List<AuditEvent>();
        var previous = AuditChain.Genesis;
        foreach (var (actor, i) in actors.Select((a, i) => (a, i + 1)))
        {
            var e = AuditChain.Next(i, Start.AddMinutes(i), new AuditEntry("demo", actor, "person.read", "allowed"), previous, 1, i);
            events.Add(e);
            previous = e.Hash;
        }

        return events;
    }

    private static AuditLane[] Heads(List<AuditEvent> lane) => [new(1, lane.Count, lane[^1].Hash), new(2, 0, AuditChain.Genesis)];

    [Fact]
    public void The_signed_payload_is_the_documented_text()
    {
        var payload = AuditCheckpoint.Payload(new DateTimeOffset(2026, 12, 7, 4, 0, 0, TimeSpan.FromHours(-5)), [new(2, 0, AuditChain.Genesis), new(1, 3, "ab12")]);
        Assert.Equal("braid-audit-checkpoint/1\n2026-12-07T09:00:00.0000000Z\n1 3 ab12\n2 0 " + new string('0', 64) + "\n", Encoding.UTF8.GetString(payload));
    }

    [Fact]
    public void A_checkpoint_verifies_with_the_key_that_signed_it_only_and_not_once_altered()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var chain = Chain("user:ana", "user:ben");
        var checkpoint = AuditCheckpoint.Sign(Start, Heads(chain), key);

        Assert.True(checkpoint.IsSignedBy(key));
        using var publicHalf = ECDsa.Create();
        publicHalf.ImportFromPem(key.ExportSubjectPublicKeyInfoPem());
        Assert.True(checkpoint.IsSignedBy(publicHalf));
        Assert.False(checkpoint.IsSignedBy(other));
        Assert.False((checkpoint with { Lanes = [new(1, 1, chain[0].Hash), new(2, 0, AuditChain.Genesis)] }).IsSignedBy(key));
        Assert.False((checkpoint with { At = Start.AddSeconds(1) }).IsSignedBy(key));
        Assert.False((checkpoint with { Signature = "not base64!" }).IsSignedBy(key));
    }

    [Fact]
    public void A_chain_rewritten_and_recomputed_from_scratch_verifies_on_its_own_but_not_against_the_checkpoint()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var original = Chain("user:ana", "user:ben", "user:cat", "user:dan");
        var checkpoint = AuditCheckpoint.Sign(Start.AddHours(1), Heads(original), key);
        Assert.Null(AuditCheckpoint.Check(original, [checkpoint], key));

        // Someone with the database hides who read a record, and recomputes every hash after it.
        var rewritten = Chain("user:ana", "user:eve", "user:cat", "user:dan");
        Assert.True(AuditChain.Verify(rewritten, Heads(rewritten)).Intact);

        var problem = AuditCheckpoint.Check(rewritten, [checkpoint], key);
        Assert.Equal("lane 1 was rewritten: its event 4 is not the one checkpoint 1 (2026-12-07T10:00:00.0000000Z) signed", problem);
    }

    [Fact]
    public void Events_removed_from_the_end_that_a_checkpoint_saw_are_found()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var chain = Chain("user:ana", "user:ben", "user:cat");
        var checkpoint = AuditCheckpoint.Sign(Start, Heads(chain), key);
        var cut = chain[..2];
        Assert.True(AuditChain.Verify(cut, Heads(cut)).Intact);
        Assert.Contains("lane 1 no longer holds event 3", AuditCheckpoint.Check(cut, [checkpoint], key));
    }

    [Fact]
    public void A_forged_checkpoint_is_named_before_anything_is_compared()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var forger = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var chain = Chain("user:ana");
        Assert.Contains("checkpoint 2 (", AuditCheckpoint.Check(chain, [AuditCheckpoint.Sign(Start, Heads(chain), key), AuditCheckpoint.Sign(Start, Heads(chain), forger)], key));
    }
}
