using Braid.Core.Access;
using Braid.Data;
using Braid.Data.Audit;
using Braid.Testing;
using Braid.Web.Access;
using Microsoft.Extensions.DependencyInjection;

namespace Braid.Web.Tests.Access;

public sealed class AuditCheckpointsTests
{
    [Theory, MemberData(nameof(SignInTests.Providers), MemberType = typeof(SignInTests))]
    public async Task The_server_signs_the_trail_s_heads_outside_the_database_and_a_last_time_as_it_stops(string provider)
    {
        var app = await BraidApp.StartAsync(provider);
        await SignInTests.SignedInClientAsync(app, DemoAccounts.Email(Roles.CommunityAdmin));
        var anchoring = app.Services.GetRequiredService<AuditCheckpoints>();
        var connection = app.ConnectionString;
        await app.DisposeAsync();

        var checkpoints = AuditCheckpointFile.Read(anchoring.CheckpointFile);
        using var key = AuditCheckpointFile.LoadKey(AuditCheckpointFile.PublicKeyPath(anchoring.KeyFile));
        Assert.All(checkpoints, c => Assert.True(c.IsSignedBy(key)));
        await using var db = DatabaseOptions.CreateContext(connection);
        var log = new AuditLog(db, TimeProvider.System);
        // The last one, written at shutdown, covers the sign-in and everything before it.
        var (events, _) = await log.SearchAsync("demo", new AuditQuery { PerPage = 1 });
        Assert.Equal(events, checkpoints[^1].Lanes.Sum(l => l.Events));
        Assert.True((await log.VerifyAsync(checkpoints, key)).Intact);
    }
}
