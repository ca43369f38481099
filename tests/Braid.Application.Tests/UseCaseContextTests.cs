using Braid.Core;
using Braid.Core.Access;
using Braid.Data.Directory;
using Braid.Testing;
using Microsoft.EntityFrameworkCore;

namespace Braid.Application.Tests;

/// <summary>The one way data changes: with its audit events in the same transaction, or not at all.</summary>
public sealed class UseCaseContextTests
{
    public static TheoryData<string> Providers => new(TestDatabases.Providers);

    [Theory, MemberData(nameof(Providers))]
    public async Task Given_the_audit_event_cannot_be_written_Then_the_change_is_not_written_either(string provider)
    {
        await using var community = await Community.CreateAsync(provider);
        var before = await new DirectoryStore(community.Db).DirectoryVersionAsync("demo");
        // An actor the audit table refuses (NOT NULL) makes the last step of the transaction fail.
        var context = community.As(Actor.Anonymous with { Id = null! });

        await Assert.ThrowsAnyAsync<Exception>(() => context.ChangeAsync(async audit =>
        {
            await new DirectoryStore(community.Db).WriteAsync("demo", []);
            audit.Record(Actor.Anonymous with { Id = null! }, "test.change", "succeeded");
            return 0;
        }));

        community.Db.ChangeTracker.Clear();
        Assert.Equal(before, await new DirectoryStore(community.Db).DirectoryVersionAsync("demo"));
        Assert.Empty(await community.AuditAsync());
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_change_that_records_nothing_for_the_audit_trail_commits_nothing(string provider)
    {
        await using var community = await Community.CreateAsync(provider);
        var before = await new DirectoryStore(community.Db).DirectoryVersionAsync("demo");

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => community.As(Community.CommunityAdmin)
            .ChangeAsync(_ => new DirectoryStore(community.Db).WriteAsync("demo", [])));

        Assert.Contains("audit trail", refused.Message);
        Assert.Equal(before, await new DirectoryStore(community.Db).DirectoryVersionAsync("demo"));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_change_and_its_events_commit_together_and_the_chain_verifies(string provider)
    {
        await using var community = await Community.CreateAsync(provider);
        var before = await new DirectoryStore(community.Db).DirectoryVersionAsync("demo");
        var admin = Community.CommunityAdmin;

        await community.As(admin).ChangeAsync(async audit =>
        {
            await new DirectoryStore(community.Db).WriteAsync("demo", []);
            audit.Record(admin, "test.first", "succeeded");
            audit.Record(admin, "test.second", "succeeded", new OrganizationId("org-1"), "service:1");
            return 0;
        });

        Assert.Equal(before + 1, await new DirectoryStore(community.Db).DirectoryVersionAsync("demo"));
        Assert.Equal(["test.first succeeded", "test.second succeeded"], await community.AuditAsync());
        var entry = (await new Braid.Data.Audit.AuditLog(community.Db, TimeProvider.System).SearchAsync("demo", new Braid.Data.Audit.AuditQuery { Action = "test.second" })).Events.Single().Entry;
        Assert.Equal(("user:community", "org-1", "service:1", "192.0.2.7"), (entry.Actor, entry.OrganizationId, entry.Target, entry.ClientAddress));
        Assert.True((await new Braid.Data.Audit.AuditLog(community.Db, TimeProvider.System).VerifyAsync()).Intact);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_denial_is_audited_with_the_rule_and_throws(string provider)
    {
        await using var community = await Community.CreateAsync(provider);
        var staff = Community.Staff("u1", "org-1", Roles.CboStaff);

        var denied = await Assert.ThrowsAsync<AccessDeniedException>(() => community.As(staff).AuthorizeAsync(Permission.ClientsManage, new OrganizationId("org-1"), "client:x"));

        Assert.Equal(Permission.ClientsManage, denied.Permission);
        Assert.Equal(["access.ClientsManage denied: only the organization's administrators manage its API clients"], await community.AuditAsync());
        Assert.Equal(0, await community.Db.ApiClients.CountAsync());
    }

    [Fact]
    public async Task The_operator_at_the_command_line_may_do_anything_in_their_own_community_only()
    {
        await using var community = await Community.CreateAsync(TestDatabases.Sqlite);
        foreach (var permission in Enum.GetValues<Permission>())
        {
            // Except a person's own record through their portal: the operator is no person.
            Assert.True(AccessPolicy.Decide(Actor.Operator("ops", Community.Demo), permission, Community.Demo, new OrganizationId("org-1")).Allowed == (permission != Permission.OwnRecord), permission.ToString());
            Assert.False(AccessPolicy.Decide(Actor.Operator("ops", new CommunityId("elsewhere")), permission, Community.Demo, new OrganizationId("org-1")).Allowed && permission != Permission.DirectoryRead, permission.ToString());
        }

        Assert.Equal("cli:ops", (await community.As(Actor.Operator("ops", Community.Demo)).AuthorizeAsync(Permission.DirectoryImport)).Id);
        await Assert.ThrowsAsync<AccessDeniedException>(() => community.As(Community.CommunityAdmin).AuthorizeAsync(Permission.DirectoryImport));
    }
}
