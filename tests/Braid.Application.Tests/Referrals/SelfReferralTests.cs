using Braid.Application.People;
using Braid.Application.Referrals;
using Braid.Core;
using Braid.Core.Access;
using Braid.Core.Directory;
using Braid.Core.Directory.Hsds;
using Braid.Core.Listings;
using Braid.Core.People;
using Braid.Core.Referrals;
using Braid.Data.Directory;
using Braid.Data.Listings;
using Braid.Data.Referrals;
using Braid.Testing;
using Microsoft.EntityFrameworkCore;
using static Braid.Application.Tests.People.PeopleFixture;

namespace Braid.Application.Tests.Referrals;

/// <summary>A person refers themself from their portal, to a service that accepts it, and consents by sending to share what it carries.</summary>
public sealed class SelfReferralTests
{
    public static TheoryData<string> Providers => new(TestDatabases.Providers);

    /// <summary>Makes the listing's service a food service that does (or does not) take self-referrals, whatever the generated directory said.</summary>
    private static async Task ListAsync(Community community, ServiceAtLocationId listing, bool acceptsSelfReferrals)
    {
        var service = community.Data.All<ServiceAtLocation>().Single(s => s.Id == listing.Value).ServiceId!;
        var attributes = await new DirectoryStore(community.Db).LoadAsync("demo");
        var old = attributes.All<HsdsAttribute>().Where(a => a.LinkId == service && a.LinkType is SelfReferral.LinkType or "need").ToList();
        List<HsdsRecord> records = [new HsdsAttribute { Id = "food-" + service, LinkId = service, LinkEntity = "service", LinkType = "need", TaxonomyTermId = NeedDomains.TermId("food-insecurity") }];
        if (acceptsSelfReferrals) records.AddRange([.. SelfReferral.Vocabulary("demo"), SelfReferral.Attribute("demo", service, "self-" + service)]);
        await new DirectoryStore(community.Db).WriteAsync("demo", records, deletes: old);
    }

    private static ReferMyself Refer(Community community, Actor actor)
    {
        var context = community.As(actor);
        return new(context, community.People(), new ListingStore(community.Db, TimeProvider.System), new ReferralStore(community.Db), ReferralTests.Sender(community, actor), ReferralTests.Notices(context));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_person_refers_themself_where_the_service_accepts_it_and_the_pantry_sees_them_in_their_log(string provider)
    {
        await using var community = await Community.CreateAsync(provider);
        var s = await ReferralTests.SetUpAsync(community);
        var me = Actor.Person(s.Person, Community.Demo);

        await ListAsync(community, s.Service, acceptsSelfReferrals: false);
        Assert.DoesNotContain((await Refer(community, me).OptionsAsync(s.Need))!.Services, o => o.Id == s.Service);
        var refused = (await Refer(community, me).RunAsync(s.Need, s.Service, "es"))!;
        Assert.Equal("referral-self-not-accepted", refused.Errors["service"].Key);
        Assert.Empty(community.Db.Referrals);
        Assert.Empty(community.Db.Consents);

        await ListAsync(community, s.Service, acceptsSelfReferrals: true);
        var offered = Assert.Single((await Refer(community, me).OptionsAsync(s.Need))!.Services, o => o.Id == s.Service);
        Assert.Equal(s.Pantry, offered.Organization);
        var sent = (await Refer(community, me).RunAsync(s.Need, s.Service, "es"))!;
        Assert.NotNull(sent.Id);

        // Sending it was her consent, signed electronically in her language, to share what it carries with the pantry, and no more.
        var consent = Assert.Single(await community.People().ConsentsAsync(Community.Demo, [s.Person]));
        Assert.Equal((Grantee.Organization(s.Pantry), ConsentMethod.ElectronicSignature, "es", me.Id), (consent.Grantee, consent.Method, consent.Language, consent.RecordedBy));
        Assert.Equal([DataCategory.Demographics, DataCategory.Contact, DataCategory.FoodInsecurity], consent.Categories.Order());
        var referral = (await new ReferralStore(community.Db).FindAsync(Community.Demo, sent.Id!.Value))!;
        Assert.Equal((PersonPortal.SelfRegistered, s.Pantry, me.Id, "portal"), (referral.Details.From, referral.Details.To, referral.History[0].Stamp.By, referral.History[0].Stamp.Channel));

        // The pantry opens it: it sees who to call, and that read is in her disclosure log under her consent.
        var view = (await new ReadReferrals(community.As(s.PantryStaff), new ReferralStore(community.Db), community.People()).FindAsync(sent.Id.Value))!;
        Assert.Equal(("Ana Ruiz", "410-555-0101"), (view.Person!.Name, view.Person.Phone));
        var read = await community.Db.Disclosures.AsNoTracking().SingleAsync(d => d.Actor == s.PantryStaff.Id);
        Assert.Equal((s.Pantry.Value, consent.Id.Value, "referral"), (read.OrganizationId, read.ConsentId, read.Channel));

        // Once she takes the consent back, the pantry sees nothing of her on it.
        Assert.True(await new RecordConsent(community.As(me), community.People()).RevokeAsync(s.Person, consent.Id));
        Assert.Null((await new ReadReferrals(community.As(s.PantryStaff), new ReferralStore(community.Db), community.People()).FindAsync(sent.Id.Value))!.Person);

        Assert.Equal(sent.Id, (await Refer(community, me).RunAsync(s.Need, s.Service, "es"))!.OpenDuplicate);
        Assert.Single(community.Db.Referrals);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_person_refers_only_themself_only_for_a_need_they_took_up_and_staff_do_not_send_in_their_name(string provider)
    {
        await using var community = await Community.CreateAsync(provider);
        var s = await ReferralTests.SetUpAsync(community);
        await ListAsync(community, s.Service, acceptsSelfReferrals: true);
        var screened = await People.ConsentTests.ScreenedAsync(community);
        var asScreened = Actor.Person(screened, Community.Demo);

        await Assert.ThrowsAsync<AccessDeniedException>(() => ReferralTests.Sender(community, asScreened).RunAsync(new ReferralRequest
        {
            Person = s.Person, Need = s.Need, From = PersonPortal.SelfRegistered, Service = s.Service,
        }));
        Assert.Null(await Refer(community, asScreened).OptionsAsync(s.Need));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Refer(community, Navigator).RunAsync(s.Need, s.Service, "en"));

        // A need a screening proposed is hers to take up before anyone is asked for help with it.
        var proposed = (await community.People().NeedsAsync(Community.Demo, [screened])).First(n => n.Status == NeedStatus.Proposed).Id;
        Assert.Empty((await Refer(community, asScreened).OptionsAsync(proposed))!.Services);
        await Assert.ThrowsAsync<DomainRuleException>(() => Refer(community, asScreened).RunAsync(proposed, s.Service, "en"));
        Assert.Empty(community.Db.Referrals);
    }
}
