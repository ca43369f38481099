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

        var intact = await BraidCommand.RunAsync("audit", "verify", "--database", cs);
        Assert.Equal(0, intact.ExitCode);
        Assert.Contains("intact: 4 events verified", intact.Output);

        await using (var db = DatabaseOptions.CreateContext(cs))
        {
            await db.Database.ExecuteSqlRawAsync("UPDATE audit_events SET actor = 'user:mallory' WHERE seq = 2");
        }

        var broken = await BraidCommand.RunAsync("audit", "verify", "--database", cs);
        Assert.Equal(1, broken.ExitCode);
        Assert.Contains("BROKEN at event 2", broken.Error);
    }
}
