using Braid.Application.Equity;
using Braid.Application.Referrals;
using Braid.Core;
using Braid.Core.Access;
using Braid.Core.People;
using Braid.Core.Referrals;
using Braid.Data.Equity;
using Braid.Data.Referrals;
using Braid.Testing;
using Microsoft.EntityFrameworkCore;
using static Braid.Application.Tests.People.PeopleFixture;
using static Braid.Application.Tests.Referrals.ReferralTests;

namespace Braid.Application.Tests.Referrals;

/// <summary>A person says what they thought of a referral once it closed, from their portal or the link texted to them; the answers are equity outcomes, and the organization sees only totals.</summary>
public sealed class FeedbackTests
{
    public static TheoryData<string> Providers => new(TestDatabases.Providers);

    private static GiveFeedback Give(Community community, Actor actor) => new(community.As(actor), community.People(), new ReferralStore(community.Db));

    private static async Task<ReferralId> SentAsync(Setting s, string need)
    {
        var request = Request(s) with { Need = need };
        return (await Sender(s.Community, Navigator).RunAsync(request))!.Id!.Value;
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_person_answers_once_a_referral_closed_by_portal_or_by_the_texted_link_and_the_dashboard_counts_it_suppressed(string provider)
    {
        await using var community = await Community.CreateAsync(provider);
        var s = await SetUpAsync(community);
        await GrantAsync(s, Grantee.Organization(s.Pantry), DataCategory.Demographics, DataCategory.Contact, DataCategory.FoodInsecurity, DataCategory.Transportation);
        var me = Actor.Person(s.Person, Community.Demo);
        var pantry = Worker(community, s.PantryStaff);

        var first = await SentAsync(s, s.Need);
        await pantry.MoveAsync(first, ReferralStatus.Accepted);
        var answers = new ReferralFeedback { Referral = default, Helpful = NeedMet.Partly, Respectful = false, InLanguage = true, NeedMet = NeedMet.No, Text = "Long wait, no Spanish form." };
        await Assert.ThrowsAsync<DomainRuleException>(() => Give(community, me).GiveAsync(first, answers));
        Assert.False((await Give(community, me).AskAsync(first))!.Value.Asks);

        await pantry.CompleteAsync(first, new ServiceDelivered("710925007", "Provision of food"), NeedMet.Partly);
        // Closing it texts her a link that asks, and says nothing of the service.
        var texted = (await community.Db.Outbox.AsNoTracking().Where(m => m.Recipient == "410-555-0101" && m.Id.EndsWith(":link")).ToListAsync()).Single();
        Assert.Equal(("sms", "referral-feedback"), (texted.Channel, OutboxText.FromJson(texted.Payload).Key));
        Assert.Single(OutboxText.FromJson(texted.Payload).Args);

        Assert.True((await Give(community, me).AskAsync(first))!.Value.Asks);
        Assert.Equal("feedback-empty", (await Give(community, me).GiveAsync(first, new ReferralFeedback { Referral = default }))!["feedback"].Key);
        Assert.Empty((await Give(community, me).GiveAsync(first, answers))!);
        await Assert.ThrowsAsync<DomainRuleException>(() => Give(community, me).GiveAsync(first, answers));
        var stored = await community.Db.ReferralFeedback.AsNoTracking().SingleAsync();
        Assert.Equal(("partly", "no", "yes", "no", "portal", s.Pantry.Value), (stored.Helpful, stored.Respectful, stored.InLanguage, stored.NeedMet, stored.Channel, stored.ToOrganization));

        // Someone else's referral is not theirs to answer.
        var other = await People.ConsentTests.ScreenedAsync(community);
        Assert.Null(await Give(community, Actor.Person(other, Community.Demo)).GiveAsync(first, answers));

        // A second referral, declined: she answers through the link texted to her, once.
        var (second, _) = await new Application.People.PrioritizeNeeds(community.As(Navigator), community.People()).AddAsync(s.Person, "transportation-insecurity");
        var declined = await SentAsync(s, second!);
        await pantry.MoveAsync(declined, ReferralStatus.Rejected, ReferralReason.NoCapacity);
        var link = (await community.Db.Outbox.AsNoTracking().Where(m => m.Recipient == "410-555-0101" && m.Id.StartsWith($"referral:{declined}:") && m.Id.EndsWith(":link")).ToListAsync()).Single();
        var token = OutboxText.FromJson(link.Payload).Args[0]["https://braid.example.org/r/".Length..];
        Assert.Equal(ReferralLinkPurpose.Feedback, (await ReferralLinkTests.Links(community).OpenAsync(token))!.Purpose);
        var (viaLink, refused) = await ReferralLinkTests.Links(community).GiveFeedbackAsync(token, new ReferralFeedback { Referral = default, Respectful = true });
        Assert.Empty(refused);
        Assert.Equal(LinkState.Used, viaLink!.State);
        await Assert.ThrowsAsync<DomainRuleException>(() => ReferralLinkTests.Links(community).GiveFeedbackAsync(token, new ReferralFeedback { Referral = default, Respectful = true }));

        // Both answers are outcomes of the equity dashboard, where two people are far too few to show.
        // Luis, who speaks English, was helped too, and said so.
        var (ana, _) = (await community.People().FindAsync(Community.Demo, s.Person))!.Value;
        await community.People().UpdateAsync(Community.Demo, ana with { Language = "es" }, DateTimeOffset.UtcNow);
        var luis = await community.RegisterAsync(Draft("Luis", "Soto", new DateOnly(1980, 1, 1), "410-555-0177") with { Language = "en" });
        var (luisNeed, _) = await new Application.People.PrioritizeNeeds(community.As(Navigator), community.People()).AddAsync(luis, "food-insecurity");
        await GrantAsync(s with { Person = luis }, Grantee.Organization(s.Pantry), DataCategory.Demographics, DataCategory.Contact, DataCategory.FoodInsecurity);
        var helped = (await Sender(community, Navigator).RunAsync(Request(s) with { Person = luis, Need = luisNeed! }))!.Id!.Value;
        await pantry.MoveAsync(helped, ReferralStatus.Accepted);
        await pantry.CompleteAsync(helped, new ServiceDelivered("710925007", "Provision of food"), NeedMet.Yes);
        Assert.Empty((await Give(community, Actor.Person(luis, Community.Demo)).GiveAsync(helped, new ReferralFeedback { Referral = default, Respectful = true, Helpful = NeedMet.Yes }))!);

        var analyst = Community.Staff("analyst", "backbone", Roles.Analyst);
        var dashboard = await new ReferralDashboard(community.As(analyst), new RunEquityReport(community.As(analyst), new ContextStore(community.Db, TimeProvider.System), new ReferralStore(community.Db))).RunAsync("language");
        var respected = dashboard.Measures.Single(m => m.Outcome == "felt_respected");
        Assert.Equal(["en", "es"], respected.Groups.Select(g => g.Group).Order());
        Assert.All(respected.Groups, g => Assert.NotNull(g.Suppressed));
        // Only Ana said whether she was served in her language: with no answer from the reference group, that measure waits, saying why.
        Assert.Contains(dashboard.Unavailable, u => u.Outcome == "served_in_language");

        // The pantry sees totals only, and three answers are withheld.
        var figures = await new ReadFeedback(community.As(s.PantryStaff), new ReferralStore(community.Db)).ForOrganizationAsync(s.Pantry);
        Assert.Equal((3, true), (figures.Single(f => f.Question == "felt_respected").Answered, figures.Single(f => f.Question == "felt_respected").Withheld));
        await Assert.ThrowsAsync<AccessDeniedException>(() => new ReadFeedback(community.As(Navigator), new ReferralStore(community.Db)).ForOrganizationAsync(s.Pantry));
    }
}
