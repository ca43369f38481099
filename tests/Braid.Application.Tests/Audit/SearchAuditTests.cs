using Braid.Application.Audit;
using Braid.Core;
using Braid.Core.Access;
using Braid.Core.Audit;
using Braid.Data.Audit;
using Braid.Testing;

namespace Braid.Application.Tests.Audit;

public sealed class SearchAuditTests
{
    [Fact]
    public async Task A_community_admin_finds_their_communitys_events_only_and_anyone_else_is_refused_and_audited()
    {
        await using var community = await Community.CreateAsync(TestDatabases.Sqlite);
        var log = new AuditLog(community.Db, TimeProvider.System);
        await log.AppendAsync(new AuditEntry("demo", "user:a", "directory.edit", "succeeded"));
        await log.AppendAsync(new AuditEntry("elsewhere", "user:b", "directory.edit", "succeeded"));

        var (total, events) = await new SearchAudit(community.As(Community.CommunityAdmin), log).RunAsync(new AuditQuery { Action = "directory.edit" });
        Assert.Equal(1, total);
        Assert.Equal("user:a", Assert.Single(events).Entry.Actor);

        var staff = Community.Staff("u1", "org-1");
        await Assert.ThrowsAsync<AccessDeniedException>(() => new SearchAudit(community.As(staff), log).RunAsync(new AuditQuery()));
        Assert.Contains("access.AuditSearch denied: community administrators only", await community.AuditAsync("access.AuditSearch"));
    }
}
