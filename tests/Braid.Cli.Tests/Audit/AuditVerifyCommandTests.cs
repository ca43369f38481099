using Braid.Core.Audit;
using Braid.Data;
using Braid.Data.Audit;
using Braid.Testing;
using Microsoft.EntityFrameworkCore;

namespace Braid.Cli.Tests.Audit;

public sealed class AuditVerifyCommandTests
{
    public static TheoryData<string> Providers => new(TestDatabases.Providers);

    [Theory, MemberData(nameof(Providers))]
    public async Task Braid_audit_verify_passes_an_intact_trail_and_names_the_event_edited_in_the_database(string provider)
    {
        var cs = await TestDatabases.CreateAsync(provider);
        await using (var db = DatabaseOptions.CreateContext(cs))
        {
            var log = new AuditLog(db, TimeProvider.System);
            for (var i = 1; i <= 4; i++) await log.AppendAsync(new AuditEntry("demo", $"user:{i}", "account.sign-in", "succeeded"));
        }

        var unanchored = System.IO.Directory.CreateTempSubdirectory("braid-none-").FullName;
        var intact = await BraidCommand.RunAsync("audit", "verify", "--database", cs, "--data-dir", unanchored);
        Assert.Equal(0, intact.ExitCode);
        Assert.Contains("intact: 4 events verified", intact.Output);

        await using (var db = DatabaseOptions.CreateContext(cs))
        {
            await db.Database.ExecuteSqlRawAsync("UPDATE audit_events SET actor = 'user:mallory' WHERE seq = 2");
        }

        var broken = await BraidCommand.RunAsync("audit", "verify", "--database", cs, "--data-dir", unanchored);
        Assert.Equal(1, broken.ExitCode);
        Assert.Contains("BROKEN at event 2", broken.Error);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_chain_recomputed_after_a_rewrite_passes_alone_but_not_against_the_signed_checkpoint(string provider)
    {
        var cs = await TestDatabases.CreateAsync(provider);
        var anchors = System.IO.Directory.CreateTempSubdirectory("braid-anchors-").FullName;
        var keyFile = Path.Combine(anchors, AuditCheckpointFile.DefaultKeyName);
        var checkpointFile = Path.Combine(anchors, AuditCheckpointFile.DefaultCheckpointsName);
        var (key, created) = AuditCheckpointFile.LoadOrCreateKey(keyFile);
        Assert.True(created);
        await using (var db = DatabaseOptions.CreateContext(cs))
        {
            var log = new AuditLog(db, TimeProvider.System);
            for (var i = 1; i <= 4; i++) await log.AppendAsync(new AuditEntry("demo", $"user:{i}", "person.read", "allowed", Target: "person:rosa"));
            AuditCheckpointFile.Append(checkpointFile, AuditCheckpoint.Sign(DateTimeOffset.UtcNow, await log.HeadsAsync(), key));
        }

        // An outside verifier (openssl, the public half of the key) accepts the signature over the documented payload.
        var checkpoint = Assert.Single(AuditCheckpointFile.Read(checkpointFile));
        var (payload, signature) = (Path.Combine(anchors, "payload"), Path.Combine(anchors, "signature"));
        await File.WriteAllBytesAsync(payload, AuditCheckpoint.Payload(checkpoint.At, checkpoint.Lanes));
        await File.WriteAllBytesAsync(signature, Convert.FromBase64String(checkpoint.Signature));
        var openssl = await BraidCommand.RunProcessAsync("openssl", null, "dgst", "-sha256", "-verify", AuditCheckpointFile.PublicKeyPath(keyFile), "-signature", signature, payload);
        Assert.Contains("Verified OK", openssl.Output);

        var intact = await BraidCommand.RunAsync("audit", "verify", "--database", cs, "--data-dir", anchors);
        Assert.Equal(0, intact.ExitCode);
        Assert.Contains("4 events verified; 1 signed checkpoints hold", intact.Output);

        // Someone with the database hides who read Rosa's record and recomputes every hash after it, and the lane's head.
        await using (var db = DatabaseOptions.CreateContext(cs))
        {
            var events = (await new AuditLog(db, TimeProvider.System).SearchAsync("demo", new AuditQuery { PerPage = 100 })).Events.OrderBy(e => e.Lane).ThenBy(e => e.Position).ToList();
            var previous = AuditChain.Genesis;
            foreach (var e in events)
            {
                var entry = e.Seq == events[1].Seq ? e.Entry with { Actor = "user:nobody" } : e.Entry;
                var rewritten = AuditChain.Next(e.Seq, e.At, entry, previous, e.Lane, e.Position);
                await db.Database.ExecuteSqlAsync($"UPDATE audit_events SET actor = {entry.Actor}, previous_hash = {previous}, hash = {rewritten.Hash} WHERE seq = {e.Seq}");
                previous = rewritten.Hash;
            }

            await db.Database.ExecuteSqlAsync($"UPDATE audit_lanes SET hash = {previous} WHERE lane = {events[^1].Lane}");
        }

        var unanchored = await BraidCommand.RunAsync("audit", "verify", "--database", cs, "--data-dir", System.IO.Directory.CreateTempSubdirectory("braid-none-").FullName);
        Assert.Equal(0, unanchored.ExitCode);
        Assert.Contains("no signed checkpoints", unanchored.Output);

        var anchored = await BraidCommand.RunAsync("audit", "verify", "--database", cs, "--checkpoints", checkpointFile, "--key", AuditCheckpointFile.PublicKeyPath(keyFile));
        Assert.Equal(1, anchored.ExitCode);
        Assert.Contains("Audit trail BROKEN: lane 1 was rewritten: its event 4 is not the one checkpoint 1", anchored.Error);
    }
}
