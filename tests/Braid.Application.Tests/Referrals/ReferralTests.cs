using Braid.Application.People;
using Braid.Application.Referrals;
using Braid.Core;
using Braid.Core.Access;
using Braid.Core.People;
using Braid.Core.Referrals;
using Braid.Data;
using Braid.Data.Access;
using Braid.Data.Audit;
using Braid.Data.Listings;
using Braid.Data.People;
using Braid.Data.Outbox;
using Braid.Data.Referrals;
using Braid.Testing;
using Microsoft.EntityFrameworkCore;
using static Braid.Application.Tests.People.PeopleFixture;

namespace Braid.Application.Tests.Referrals;

/// <summary>Sending and working referrals on both engines: consent and duplicate checks, the two sides' rights, idempotency and concurrency.</summary>
public sealed class ReferralTests
{
    public static TheoryData<string> Providers => new(TestDatabases.Providers);

    /// <summary>A registered person with an accepted food need, a pantry (a listed organization with staff on Braid) and its staff member.</summary>
    internal sealed record Setting(Community Community, PersonId Person, string Need, ServiceAtLocationId Service, OrganizationId Pantry, Actor PantryStaff);

    internal static async Task<Setting> SetUpAsync(Community community)
    {
        var person = await community.RegisterAsync(Draft("Ana", "Ruiz", new DateOnly(1990, 4, 2), "410-555-0101"));
        var (need, _) = await new PrioritizeNeeds(community.As(Navigator), community.People()).AddAsync(person, "food-insecurity");
        var (organization, service) = community.Listing;
        community.Db.Users.Add(new BraidUser { Id = "pantry-worker", UserName = "worker@pantry.example", Email = "worker@pantry.example", DisplayName = "Pantry worker" });
        await community.Db.SaveChangesAsync();
        community.Db.Memberships.Add(new MembershipRow { CommunityId = "demo", UserId = "pantry-worker", OrganizationId = organization, Role = Roles.CboStaff, CreatedAt = DateTimeOffset.UtcNow });
        await community.Db.SaveChangesAsync();
        return new Setting(community, person, need!, new ServiceAtLocationId(service), new OrganizationId(organization), Community.Staff("pantry-worker", organization, Roles.CboStaff));
    }

    internal static SendReferral Sender(Community community, Actor actor) =>
        new(community.As(actor), community.People(), new ReferralStore(community.Db), new ListingStore(community.Db, TimeProvider.System), Notices(community.As(actor)));

    internal static WorkReferral Worker(Community community, Actor actor) => new(community.As(actor), new ReferralStore(community.Db), community.People(), Notices(community.As(actor)));

    internal static ReferralNotices Notices(UseCaseContext context) => new(context, new OutboxStore(context.Db), new PeopleStore(context.Db), new ReferralStore(context.Db), Site);

    internal static readonly PublicSite Site = new(new Uri("https://braid.example.org"));

    private static ReadReferrals Reader(Community community, Actor actor) => new(community.As(actor), new ReferralStore(community.Db), community.People());

    internal static ReferralRequest Request(Setting s, string? key = null) => new() { Person = s.Person, Need = s.Need, From = Clinic, Service = s.Service, IdempotencyKey = key };

    internal static Task GrantAsync(Setting s, Grantee grantee, params DataCategory[] categories) => new RecordConsent(s.Community.As(Navigator), s.Community.People()).GrantAsync(s.Person, new PersonConsent
    {
        Id = default, Person = default, Grantee = grantee, Categories = categories.ToHashSet(), Purposes = new HashSet<Purpose> { Purpose.CareCoordination },
        Start = DateTimeOffset.UtcNow.AddMinutes(-1), Method = ConsentMethod.InPerson, Language = "en", RecordedBy = "",
    });

    [Theory, MemberData(nameof(Providers))]
    public async Task A_navigator_refers_under_consent_and_the_pantry_closes_the_loop(string provider)
    {
        await using var community = await Community.CreateAsync(provider);
        var s = await SetUpAsync(community);

        var unconsented = (await Sender(community, Navigator).RunAsync(Request(s)))!;
        Assert.Null(unconsented.Id);
        Assert.Equal([DataCategory.Demographics, DataCategory.Contact, DataCategory.FoodInsecurity], unconsented.ConsentMissing);
        Assert.Empty(community.Db.Referrals);

        await GrantAsync(s, Grantee.Organization(s.Pantry), DataCategory.Demographics, DataCategory.Contact, DataCategory.FoodInsecurity);
        var sent = (await Sender(community, Navigator).RunAsync(Request(s)))!;
        Assert.NotNull(sent.Id);
        Assert.Matches(@"^\d+ per week$", sent.Capacity!.Stated);
        var shared = await community.Db.Disclosures.SingleAsync(d => d.Channel == "referral");
        Assert.Equal((s.Pantry.Value, "contact,demographics,food-insecurity"), (shared.OrganizationId, string.Join(',', shared.Categories.Split(',').Order())));
        Assert.Equal(sent.Capacity, (await Reader(community, Navigator).FindAsync(sent.Id!.Value))!.Referral.Details.Capacity);

        var inbox = await Reader(community, s.PantryStaff).ListAsync(s.Pantry, ReferralBox.Received);
        Assert.Equal(("Ana Ruiz", "requested"), (Assert.Single(inbox).PersonName, inbox[0].Referral.Status));

        var pantry = Worker(community, s.PantryStaff);
        await pantry.MoveAsync(sent.Id!.Value, ReferralStatus.Accepted);
        await pantry.LogContactAttemptAsync(sent.Id.Value, reached: true, "called, coming Tuesday");
        var done = (await pantry.CompleteAsync(sent.Id.Value, new ServiceDelivered("710925007", "Provision of food"), NeedMet.Yes))!;

        Assert.Equal((ReferralStatus.Completed, 4), (done.Status, done.Version));
        Assert.Equal([1, 2, 3, 4], community.Db.ReferralEvents.Select(e => e.Version).AsEnumerable().Order());
        Assert.Equal(NeedStatus.Met, (await community.People().NeedsAsync(Community.Demo, [s.Person])).Single(n => n.Id == s.Need).Status);
        Assert.Equal(["referrals.send", "referrals.accepted", "referrals.contact", "referrals.completed"],
            (await community.AuditAsync()).Select(a => a.Split(' ')[0]).Where(a => a.StartsWith("referrals.", StringComparison.Ordinal) && a is not ("referrals.list" or "referrals.read")));

        var seenByNavigator = Assert.Single(await Reader(community, Navigator).ForPersonAsync(s.Person));
        Assert.Equal((ReferralStatus.Completed, NeedMet.Yes, 1), (seenByNavigator.Referral.Status, seenByNavigator.Referral.NeedMet!.Value, seenByNavigator.Referral.ContactAttempts));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_repeated_key_has_one_effect_and_an_open_referral_is_not_sent_twice(string provider)
    {
        await using var community = await Community.CreateAsync(provider);
        var s = await SetUpAsync(community);
        await GrantAsync(s, Grantee.Network, DataCategory.Demographics, DataCategory.Contact, DataCategory.FoodInsecurity);

        var first = (await Sender(community, Navigator).RunAsync(Request(s, "key-1")))!;
        var retried = (await Sender(community, Navigator).RunAsync(Request(s, "key-1")))!;
        var again = (await Sender(community, Navigator).RunAsync(Request(s, "key-2")))!;

        Assert.Equal((first.Id, true), (retried.Id, retried.Replayed));
        Assert.Equal((null, first.Id), (again.Id, again.OpenDuplicate));
        Assert.Single(community.Db.Referrals);

        // Once that one is closed, the need may be referred to the same service again.
        await Worker(community, s.PantryStaff).MoveAsync(first.Id!.Value, ReferralStatus.Rejected, ReferralReason.NoCapacity);
        Assert.NotNull((await Sender(community, Navigator).RunAsync(Request(s, "key-3")))!.Id);

        // The same request sent twice at once, on two connections: one referral, and both told of it.
        var third = await community.Db.Referrals.AsNoTracking().SingleAsync(r => r.IdempotencyKey == "key-3");
        await Worker(community, s.PantryStaff).MoveAsync(new ReferralId(third.Id), ReferralStatus.Rejected, ReferralReason.NoCapacity);
        await using var one = DatabaseOptions.CreateContext(community.Db.Database.GetConnectionString()!);
        await using var two = DatabaseOptions.CreateContext(community.Db.Database.GetConnectionString()!);
        var twice = await Task.WhenAll(On(one).RunAsync(Request(s, "key-4")), On(two).RunAsync(Request(s, "key-4")));
        Assert.Equal(twice[0]!.Id, twice[1]!.Id);
        Assert.NotNull(twice[0]!.Id);
        Assert.Equal(1, await community.Db.Referrals.CountAsync(r => r.IdempotencyKey == "key-4"));

        static SendReferral On(BraidDbContext db)
        {
            var context = new UseCaseContext(new TestCaller(Navigator), db, new AuditLog(db, TimeProvider.System), TimeProvider.System);
            return new(context, new PeopleStore(db), new ReferralStore(db), new ListingStore(db, TimeProvider.System), Notices(context));
        }
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_rejected_need_or_an_organization_without_staff_on_Braid_is_refused_naming_the_rule(string provider)
    {
        await using var community = await Community.CreateAsync(provider);
        var s = await SetUpAsync(community);
        await GrantAsync(s, Grantee.Network, DataCategory.Demographics, DataCategory.Contact, DataCategory.FoodInsecurity);
        var elsewhere = community.Data.All<Core.Directory.Hsds.ServiceAtLocation>().Select(x => x.Id).First(id => id != s.Service.Value
            && community.Data.All<Core.Directory.Hsds.Service>().Single(v => v.Id == community.Data.All<Core.Directory.Hsds.ServiceAtLocation>().Single(x => x.Id == id).ServiceId).OrganizationId != s.Pantry.Value);

        var offBraid = await Assert.ThrowsAsync<DomainRuleException>(() => Sender(community, Navigator).RunAsync(Request(s) with { Service = new ServiceAtLocationId(elsewhere) }));
        Assert.Contains("does not work referrals on Braid", offBraid.Message);
        var external = (await Sender(community, Navigator).RunAsync(Request(s) with
        {
            Service = new ServiceAtLocationId(elsewhere), Kind = ReferralKind.External, ExternalOrganization = "Saint Anne's pantry", ExternalEmail = "not an address",
        }))!;
        Assert.Equal(["external_email"], external.Errors.Keys);

        await new PrioritizeNeeds(community.As(Navigator), community.People()).DecideAsync(s.Person, s.Need, accept: false);
        var rejected = await Assert.ThrowsAsync<DomainRuleException>(() => Sender(community, Navigator).RunAsync(Request(s)));
        Assert.Contains("Only a need the person accepted is referred; this one is rejected", rejected.Message);
        Assert.Empty(community.Db.Referrals);
        Assert.Equal("referral-need-unknown", (await Sender(community, Navigator).RunAsync(Request(s) with { Need = "no-such-need" }))!.Errors["need"].Key);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Each_side_does_only_its_part_and_others_see_nothing(string provider)
    {
        await using var community = await Community.CreateAsync(provider);
        var s = await SetUpAsync(community);
        await GrantAsync(s, Grantee.Organization(s.Pantry), DataCategory.Demographics, DataCategory.Contact, DataCategory.FoodInsecurity);
        var id = (await Sender(community, Navigator).RunAsync(Request(s)))!.Id!.Value;

        var wrongSide = await Assert.ThrowsAsync<DomainRuleException>(() => Worker(community, Navigator).MoveAsync(id, ReferralStatus.Accepted));
        Assert.Equal("Only the organization the referral was sent to may set it to accepted.", wrongSide.Message);
        await Assert.ThrowsAsync<AccessDeniedException>(() => Worker(community, FoodBankStaff).MoveAsync(id, ReferralStatus.Accepted));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Reader(community, FoodBankStaff).FindAsync(id));
        Assert.Empty(await Reader(community, FoodBankStaff).ForPersonAsync(s.Person));
        Assert.Empty(await Reader(community, FoodBankStaff).ListAsync(FoodBank, ReferralBox.Received));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Reader(community, FoodBankStaff).ListAsync(s.Pantry, ReferralBox.Received));
        Assert.Contains(await community.AuditAsync(), a => a.StartsWith("access.ReferralWrite denied", StringComparison.Ordinal));

        Assert.Equal(ReferralParty.Target, (await Reader(community, s.PantryStaff).FindAsync(id))!.Party);
        Assert.Equal(ReferralParty.Requester, (await Reader(community, Navigator).FindAsync(id))!.Party);
        await Worker(community, Navigator).MoveAsync(id, ReferralStatus.Cancelled, note: "the person moved away");
        Assert.Equal("cancelled", (await community.Db.Referrals.SingleAsync()).Status);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_change_to_a_referral_read_at_an_older_version_is_refused_and_nothing_is_lost(string provider)
    {
        await using var community = await Community.CreateAsync(provider);
        var s = await SetUpAsync(community);
        await GrantAsync(s, Grantee.Organization(s.Pantry), DataCategory.Demographics, DataCategory.Contact, DataCategory.FoodInsecurity);
        var id = (await Sender(community, Navigator).RunAsync(Request(s)))!.Id!.Value;
        var pantry = Worker(community, s.PantryStaff);

        await pantry.MoveAsync(id, ReferralStatus.Accepted, expectedVersion: 1);
        var stale = await Assert.ThrowsAsync<ConcurrentChangeException>(() => pantry.MoveAsync(id, ReferralStatus.Rejected, ReferralReason.NoCapacity, expectedVersion: 1));
        Assert.Contains("at version 2, not 1", stale.Message);

        // Two workers, each on their own connection, who read version 2 at once: one change wins, the other is refused, neither lost silently.
        await using var first = DatabaseOptions.CreateContext(community.Db.Database.GetConnectionString()!);
        await using var second = DatabaseOptions.CreateContext(community.Db.Database.GetConnectionString()!);
        var results = await Task.WhenAll(
            Try(() => On(first).AssignAsync(id, "user:a", expectedVersion: 2)),
            Try(() => On(second).MoveAsync(id, ReferralStatus.InProgress, expectedVersion: 2)));
        Assert.Equal(1, results.Count(r => r));
        Assert.Equal([1, 2, 3], community.Db.ReferralEvents.Select(e => e.Version).AsEnumerable().Order());
        Assert.Equal(3, (await community.Db.Referrals.AsNoTracking().SingleAsync()).Version);

        WorkReferral On(BraidDbContext db)
        {
            var context = new UseCaseContext(new TestCaller(s.PantryStaff), db, new AuditLog(db, TimeProvider.System), TimeProvider.System);
            return new(context, new ReferralStore(db), new PeopleStore(db), Notices(context));
        }

        static async Task<bool> Try(Func<Task> change)
        {
            try
            {
                await change();
                return true;
            }
            catch (ConcurrentChangeException)
            {
                return false;
            }
        }
    }
}
