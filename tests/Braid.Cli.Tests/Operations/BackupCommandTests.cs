using Braid.Core.Audit;
using Braid.Data;
using Braid.Data.Audit;
using Braid.Testing;
using Microsoft.EntityFrameworkCore;

namespace Braid.Cli.Tests.Operations;

public sealed class BackupCommandTests
{
    public static TheoryData<string> Providers => new(TestDatabases.Providers);

    [Theory, MemberData(nameof(Providers))]
    public async Task A_restore_brings_back_every_table_as_backed_up_and_its_audit_trail_verifies(string provider)
    {
        var database = await TestDatabases.CreateEmptyAsync(provider);
        var folder = System.IO.Directory.CreateTempSubdirectory("braid-backup-").FullName;
        // The demo community as the server seeds it, an audit trail, and a made-up row in every table still empty.
        await using (await WebAppProcess.StartAsync(["--ConnectionStrings:Braid=" + database, "--Braid:DataDirectory=" + folder, "--Braid:DemoServices=50", "--Braid:DemoPeople=30"], TimeSpan.FromMinutes(2)))
        {
        }

        await using (var db = DatabaseOptions.CreateContext(database))
        {
            var log = new AuditLog(db, TimeProvider.System);
            for (var i = 1; i <= 3; i++) await log.AppendAsync(new AuditEntry("demo", $"user:{i}", "person.read", "allowed", Target: "person:rosa"));
        }

        Assert.Empty(await EveryTable.FillEmptyAsync(database));
        var before = await EveryTable.FingerprintAsync(database);
        Assert.DoesNotContain(before, t => t.Value.Rows == 0);

        var file = Path.Combine(folder, "braid.backup");
        var backup = await BraidCommand.RunAsync("backup", file, "--database", database);
        Assert.True(backup.ExitCode == 0, backup.Error);

        // Afterwards: a record is lost and the trail grows; the restore takes the database back to the backup.
        await using (var db = DatabaseOptions.CreateContext(database))
        {
            await db.Database.ExecuteSqlRawAsync("DELETE FROM referral_events");
            await new AuditLog(db, TimeProvider.System).AppendAsync(new AuditEntry("demo", "user:4", "person.read", "allowed"));
        }

        Assert.Equal(2, (await BraidCommand.RunAsync("restore", file, "--database", database)).ExitCode); // not without --replace
        var restored = await BraidCommand.RunAsync("restore", file, "--replace", "--database", database);
        Assert.True(restored.ExitCode == 0, restored.Error);
        Assert.Contains("audit trail intact: 3 events verified", restored.Output);
        Assert.Equal(before, await EveryTable.FingerprintAsync(database));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_file_that_is_not_a_backup_is_refused_and_the_database_is_left_as_it_was(string provider)
    {
        var database = await TestDatabases.CreateAsync(provider);
        var before = await EveryTable.FingerprintAsync(database);
        var notABackup = Path.Combine(System.IO.Directory.CreateTempSubdirectory("braid-backup-").FullName, "notes.txt");
        await File.WriteAllTextAsync(notABackup, "id,name\n1,Food Pantry\n");

        var refused = await BraidCommand.RunAsync("restore", notABackup, "--replace", "--database", database);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("Nothing was restored", refused.Error);
        Assert.Equal(before, await EveryTable.FingerprintAsync(database));
    }
}
