using Braid.Core.Audit;
using Braid.Data.Audit;
using Braid.Testing;
using Microsoft.EntityFrameworkCore;

namespace Braid.Data.Tests.Audit;

public sealed class AuditLogTests
{
    public static TheoryData<string> Providers => new(TestDatabases.Providers);

    private static AuditEntry Entry(int i) => new("demo", $"user:{i}", "directory.service.edit", "allowed", "org-1", $"service:{i}", "127.0.0.1");

    [Theory, MemberData(nameof(Providers))]
    public async Task Concurrent_appends_form_one_unbroken_chain(string provider)
    {
        var cs = await TestDatabases.CreateAsync(provider);
        await Task.WhenAll(Enumerable.Range(1, 12).Select(async i =>
        {
            await using var db = DatabaseOptions.CreateContext(cs);
            await new AuditLog(db, TimeProvider.System).AppendAsync(Entry(i));
        }));

        await using var check = DatabaseOptions.CreateContext(cs);
        var log = new AuditLog(check, TimeProvider.System);
        var result = await log.VerifyAsync();
        Assert.True(result.Intact, result.Problem);
        Assert.Equal(12, result.Verified);
        var (total, page) = await log.SearchAsync("demo", new AuditQuery { PerPage = 5 });
        Assert.Equal(12, total);
        Assert.Equal([12L, 11, 10, 9, 8], page.Select(e => e.Seq));
        Assert.Equal(0, (await log.SearchAsync("other", new AuditQuery())).Total);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Events_appended_together_continue_the_chain_in_their_order(string provider)
    {
        var cs = await TestDatabases.CreateAsync(provider);
        await using var db = DatabaseOptions.CreateContext(cs);
        var log = new AuditLog(db, TimeProvider.System);
        await log.AppendAsync(Entry(0));
        // More than one insert's worth, as a large import records.
        var appended = await log.AppendAsync([.. Enumerable.Range(1, 450).Select(Entry)]);
        await log.AppendAsync(Entry(451));

        Assert.Equal(Enumerable.Range(2, 450).Select(i => (long)i), appended.Select(e => e.Seq));
        var result = await log.VerifyAsync();
        Assert.True(result.Intact, result.Problem);
        Assert.Equal(452, result.Verified);
        var (_, page) = await log.SearchAsync("demo", new AuditQuery { PerPage = 3 });
        Assert.Equal(["service:451", "service:450", "service:449"], page.Select(e => e.Entry.Target));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Given_a_row_edited_directly_in_the_database_Then_verify_names_it(string provider)
    {
        var cs = await TestDatabases.CreateAsync(provider);
        await using var db = DatabaseOptions.CreateContext(cs);
        var log = new AuditLog(db, TimeProvider.System);
        for (var i = 1; i <= 5; i++) await log.AppendAsync(Entry(i));

        await db.Database.ExecuteSqlRawAsync("UPDATE audit_events SET outcome = 'denied' WHERE seq = 3");
        var result = await log.VerifyAsync();

        Assert.False(result.Intact);
        Assert.Equal(3, result.BrokenAt);
        Assert.Contains("event 3 was changed", result.Problem);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Given_a_row_deleted_directly_in_the_database_Then_verify_names_the_gap(string provider)
    {
        var cs = await TestDatabases.CreateAsync(provider);
        await using var db = DatabaseOptions.CreateContext(cs);
        var log = new AuditLog(db, TimeProvider.System);
        for (var i = 1; i <= 5; i++) await log.AppendAsync(Entry(i));

        await db.Database.ExecuteSqlRawAsync("DELETE FROM audit_events WHERE seq = 5");
        Assert.Contains("events 5 to 5 of lane 1 are missing from its end", (await log.VerifyAsync()).Problem);
        await db.Database.ExecuteSqlRawAsync("DELETE FROM audit_events WHERE seq = 2");
        Assert.Contains("event 2 of lane 1 is missing (the next stored event is 3, its 3)", (await log.VerifyAsync()).Problem);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Given_two_rows_swapped_in_the_database_Then_verify_names_the_first_out_of_place(string provider)
    {
        var cs = await TestDatabases.CreateAsync(provider);
        await using var db = DatabaseOptions.CreateContext(cs);
        var log = new AuditLog(db, TimeProvider.System);
        for (var i = 1; i <= 5; i++) await log.AppendAsync(Entry(i));

        // Reorder events 2 and 3 by renumbering them, as someone rewriting history would.
        await db.Database.ExecuteSqlRawAsync("UPDATE audit_events SET seq = -1 WHERE seq = 2");
        await db.Database.ExecuteSqlRawAsync("UPDATE audit_events SET seq = 2 WHERE seq = 3");
        await db.Database.ExecuteSqlRawAsync("UPDATE audit_events SET seq = 3 WHERE seq = -1");
        var result = await log.VerifyAsync();

        Assert.False(result.Intact);
        Assert.Equal(2, result.BrokenAt);
        Assert.Equal(1, result.Verified);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Given_control_characters_in_what_a_caller_sent_Then_the_event_is_stored_escaped_and_verifies(string provider)
    {
        var cs = await TestDatabases.CreateAsync(provider);
        await using var db = DatabaseOptions.CreateContext(cs);
        var log = new AuditLog(db, TimeProvider.System);

        // PostgreSQL text cannot hold NUL; a client id of "\0" once made the token endpoint fail with 500.
        await log.AppendAsync(new AuditEntry("demo", "client:\0\u001f", "clients.token", "refused: invalid_client", Target: new string('x', 5000)));

        Assert.True((await log.VerifyAsync()).Intact);
        var stored = Assert.Single((await log.SearchAsync("demo", new AuditQuery())).Events);
        Assert.Equal("client:\\u0000\\u001f", stored.Entry.Actor);
        Assert.True(stored.Entry.Target!.Length < 1100);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task An_append_inside_a_rolled_back_transaction_leaves_no_trace(string provider)
    {
        var cs = await TestDatabases.CreateAsync(provider);
        await using var db = DatabaseOptions.CreateContext(cs);
        var log = new AuditLog(db, TimeProvider.System);
        await log.AppendAsync(Entry(1));
        await using (var tx = await db.Database.BeginTransactionAsync())
        {
            await log.AppendAsync(Entry(2));
            await tx.RollbackAsync();
        }

        await log.AppendAsync(Entry(3));
        var result = await log.VerifyAsync();
        Assert.True(result.Intact, result.Problem);
        Assert.Equal(2, result.Verified);
    }

    [Fact]
    public async Task On_PostgreSQL_a_writer_takes_a_lane_nobody_holds_so_uncommitted_transactions_do_not_wait_for_each_other()
    {
        var cs = await TestDatabases.CreateAsync(TestDatabases.Postgres);
        await using var one = DatabaseOptions.CreateContext(cs);
        await using var two = DatabaseOptions.CreateContext(cs);
        await using var first = await one.Database.BeginTransactionAsync();
        var a = await new AuditLog(one, TimeProvider.System).AppendAsync(Entry(1));

        // With one chain head this append would wait for the first transaction to commit; the timeout says it did not.
        await using var second = await two.Database.BeginTransactionAsync();
        await two.Database.ExecuteSqlRawAsync("SET LOCAL lock_timeout = '2s'");
        var b = await new AuditLog(two, TimeProvider.System).AppendAsync(Entry(2));
        await second.CommitAsync();
        await first.CommitAsync();

        Assert.Equal((1, 2), (a.Lane, b.Lane));
        Assert.Equal((1L, 1L), (a.Position, b.Position));
        await using var check = DatabaseOptions.CreateContext(cs);
        var result = await new AuditLog(check, TimeProvider.System).VerifyAsync();
        Assert.True(result.Intact, result.Problem);
        Assert.Equal(2, result.Verified);
    }

    [Fact]
    public async Task On_PostgreSQL_a_writer_finding_every_lane_held_waits_and_then_extends_a_lane()
    {
        var cs = await TestDatabases.CreateAsync(TestDatabases.Postgres);
        var holders = new List<(BraidDbContext Db, Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction Tx)>();
        for (var i = 0; i < AuditLog.Lanes; i++)
        {
            var db = DatabaseOptions.CreateContext(cs);
            var tx = await db.Database.BeginTransactionAsync();
            await new AuditLog(db, TimeProvider.System).AppendAsync(Entry(i));
            holders.Add((db, tx));
        }

        await using var late = DatabaseOptions.CreateContext(cs);
        var waiting = new AuditLog(late, TimeProvider.System).AppendAsync(Entry(99));
        await Task.Delay(300);
        Assert.False(waiting.IsCompleted);
        foreach (var (db, tx) in holders)
        {
            await tx.CommitAsync();
            await tx.DisposeAsync();
            await db.DisposeAsync();
        }

        var appended = await waiting;
        Assert.Equal(2, appended.Position);
        await using var check = DatabaseOptions.CreateContext(cs);
        var result = await new AuditLog(check, TimeProvider.System).VerifyAsync();
        Assert.True(result.Intact, result.Problem);
        Assert.Equal(AuditLog.Lanes + 1, result.Verified);
    }
}
