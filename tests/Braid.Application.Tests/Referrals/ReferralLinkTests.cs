using System.Security.Cryptography;
using System.Text;
using Braid.Application.People;
using Braid.Application.Referrals;
using Braid.Core;
using Braid.Core.Access;
using Braid.Core.People;
using Braid.Core.Referrals;
using Braid.Data;
using Braid.Data.Audit;
using Braid.Data.Outbox;
using Braid.Data.People;
using Braid.Data.Referrals;
using Braid.Testing;
using Microsoft.EntityFrameworkCore;
using static Braid.Application.Tests.People.PeopleFixture;
using static Braid.Application.Tests.Referrals.ReferralTests;

namespace Braid.Application.Tests.Referrals;

/// <summary>Emailed links on both engines: an organization not on Braid answers and closes an external referral, a person says how an informational one went; each link once, until it expires.</summary>
public sealed class ReferralLinkTests
{
    private const string PantryMail = "intake@saint-anne.example";

    public static TheoryData<string> Providers => new(TestDatabases.Providers);

    /// <summary>The link use case as anyone holding a link: no account, no session.</summary>
    internal static AnswerReferralLink Links(Community community) => Links(community.Db);

    private static AnswerReferralLink Links(BraidDbContext db)
    {
        var context = new UseCaseContext(new TestCaller(Actor.Anonymous), db, new AuditLog(db, TimeProvider.System), TimeProvider.System);
        return new(context, new ReferralStore(db), new PeopleStore(db), Notices(context));
    }

    /// <summary>A listing of an organization other than the pantry, sent to as external.</summary>
    private static ReferralRequest External(Community community, Setting s) => Request(s) with
    {
        Service = new ServiceAtLocationId(community.Data.All<Core.Directory.Hsds.ServiceAtLocation>().Select(x => x.Id).First(id => id != s.Service.Value)),
        Kind = ReferralKind.External, ExternalOrganization = "Saint Anne's pantry", ExternalEmail = PantryMail,
    };

    /// <summary>The token of the link in the newest message to this address that carries one.</summary>
    private static async Task<(OutboxMessageRow Message, OutboxText Text, string Token)> LinkSentToAsync(Community community, string recipient)
    {
        var message = (await community.Db.Outbox.AsNoTracking().Where(m => m.Recipient == recipient && m.Id.Contains(":link")).ToListAsync()).OrderBy(m => m.CreatedAt).Last();
        var text = OutboxText.FromJson(message.Payload);
        var url = Assert.Single(text.Args, a => a.StartsWith("https://braid.example.org/r/", StringComparison.Ordinal));
        return (message, text, url["https://braid.example.org/r/".Length..]);
    }

    private static async Task<Referral> ReferralAsync(Community community, ReferralId id)
    {
        community.Db.ChangeTracker.Clear();
        return (await new ReferralStore(community.Db).FindAsync(Community.Demo, id))!;
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task An_organization_without_an_account_accepts_and_closes_an_external_referral_through_its_links(string provider)
    {
        await using var community = await Community.CreateAsync(provider);
        var s = await SetUpAsync(community);
        await GrantAsync(s, Grantee.Network, DataCategory.Demographics, DataCategory.Contact, DataCategory.FoodInsecurity);
        var id = (await Sender(community, Navigator).RunAsync(External(community, s)))!.Id!.Value;

        var (message, text, token) = await LinkSentToAsync(community, PantryMail);
        Assert.Equal(("email", "referral-link-answer"), (message.Channel, text.Key));
        // Only the token's SHA-256 is kept.
        var link = await community.Db.ReferralLinks.AsNoTracking().SingleAsync();
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token))), link.TokenHash);
        Assert.Equal(("answer", PantryMail, id.Value), (link.Purpose, link.Recipient, link.ReferralId));
        // It is good until the referral would expire unanswered: four answer windows of the default 48 hours.
        // (PostgreSQL keeps microseconds.)
        Assert.True((link.ExpiresAt - (await ReferralAsync(community, id)).SentAt - TimeSpan.FromHours(4 * 48)).Duration() < TimeSpan.FromMilliseconds(1));

        var opened = (await Links(community).OpenAsync(token))!;
        Assert.Equal((LinkState.Open, ReferralLinkPurpose.Answer), (opened.State, opened.Purpose));
        Assert.Equal(("Ana Ruiz", "410-555-0101"), (opened.Person!.Name, opened.Person.Phone));

        var answered = (await Links(community).AnswerAsync(token, new LinkAnswer(ReferralStatus.Accepted)))!;
        Assert.Equal(LinkState.Used, answered.State);
        var accepted = await ReferralAsync(community, id);
        Assert.Equal(ReferralStatus.Accepted, accepted.Status);
        Assert.Equal(("link:" + PantryMail, null, "email-link"), (accepted.History[^1].Stamp.By, accepted.History[^1].Stamp.Organization, accepted.History[^1].Stamp.Channel));

        // Used once: the same link answers nothing more, and says so.
        var again = await Assert.ThrowsAsync<DomainRuleException>(() => Links(community).AnswerAsync(token, new LinkAnswer(ReferralStatus.Rejected, ReferralReason.NoCapacity)));
        Assert.Contains("was used on", again.Message);
        Assert.Equal((LinkState.Used, null), ((await Links(community).OpenAsync(token))!.State, (await Links(community).OpenAsync(token))!.Person));
        Assert.Equal(accepted.Version, (await ReferralAsync(community, id)).Version);

        // Accepting it sent the link that closes it.
        var (_, closeText, closeToken) = await LinkSentToAsync(community, PantryMail);
        Assert.Equal("referral-link-close", closeText.Key);
        var noNeedMet = await Assert.ThrowsAsync<DomainRuleException>(() => Links(community).AnswerAsync(closeToken, new LinkAnswer(ReferralStatus.Completed)));
        Assert.Contains("need was met", noNeedMet.Message);
        await Links(community).AnswerAsync(closeToken, new LinkAnswer(ReferralStatus.Completed, NeedMet: NeedMet.Yes, Note: "a week of groceries"));

        var closed = await ReferralAsync(community, id);
        Assert.Equal((ReferralStatus.Completed, NeedMet.Yes), (closed.Status, closed.NeedMet));
        Assert.Equal(NeedStatus.Met, (await community.People().NeedsAsync(Community.Demo, [s.Person])).Single(n => n.Id == s.Need).Status);
        var audit = await community.AuditAsync();
        Assert.Contains("referrals.link.read answer link, open, sharing contact,demographics,food-insecurity", audit);
        Assert.Contains("referrals.accepted through its answer link", audit);
        Assert.Contains("referrals.completed through its close link", audit);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_link_that_is_forged_expired_or_moot_answers_nothing(string provider)
    {
        await using var community = await Community.CreateAsync(provider);
        var s = await SetUpAsync(community);
        await GrantAsync(s, Grantee.Network, DataCategory.Demographics, DataCategory.Contact, DataCategory.FoodInsecurity);
        var id = (await Sender(community, Navigator).RunAsync(External(community, s)))!.Id!.Value;
        var (_, _, token) = await LinkSentToAsync(community, PantryMail);

        var forged = token[..^1] + (token[^1] == 'A' ? 'B' : 'A');
        Assert.Null(await Links(community).OpenAsync(forged));
        Assert.Null(await Links(community).AnswerAsync(forged, new LinkAnswer(ReferralStatus.Accepted)));
        Assert.Null(await Links(community).OpenAsync("bat_" + token[4..]));
        Assert.Null(await Links(community).OpenAsync(token + new string('x', 200)));

        // A decline the IG expects a reason for is refused, and the link stays good.
        var noReason = await Assert.ThrowsAsync<DomainRuleException>(() => Links(community).AnswerAsync(token, new LinkAnswer(ReferralStatus.Rejected)));
        Assert.Contains("needs a reason", noReason.Message);
        var notAnAnswer = await Assert.ThrowsAsync<DomainRuleException>(() => Links(community).AnswerAsync(token, new LinkAnswer(ReferralStatus.Completed, NeedMet: NeedMet.Yes)));
        Assert.Contains("sets a referral to accepted or rejected", notAnAnswer.Message);
        Assert.Null((await community.Db.ReferralLinks.AsNoTracking().SingleAsync()).UsedAt);
        Assert.Equal(ReferralStatus.Requested, (await ReferralAsync(community, id)).Status);

        await community.Db.ReferralLinks.ExecuteUpdateAsync(set => set.SetProperty(l => l.ExpiresAt, DateTimeOffset.UtcNow.AddMinutes(-1)));
        Assert.Equal((LinkState.Expired, null), ((await Links(community).OpenAsync(token))!.State, (await Links(community).OpenAsync(token))!.Person));
        Assert.Contains("expired on", (await Assert.ThrowsAsync<DomainRuleException>(() => Links(community).AnswerAsync(token, new LinkAnswer(ReferralStatus.Accepted)))).Message);

        await community.Db.ReferralLinks.ExecuteUpdateAsync(set => set.SetProperty(l => l.ExpiresAt, DateTimeOffset.UtcNow.AddDays(1)));
        await Worker(community, Navigator).MoveAsync(id, ReferralStatus.Cancelled, note: "the person found a pantry nearer home");
        Assert.Equal(LinkState.Settled, (await Links(community).OpenAsync(token))!.State);
        Assert.Contains("nothing left to answer", (await Assert.ThrowsAsync<DomainRuleException>(() => Links(community).AnswerAsync(token, new LinkAnswer(ReferralStatus.Accepted)))).Message);
        Assert.Equal(ReferralStatus.Cancelled, (await ReferralAsync(community, id)).Status);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_consent_revoked_after_sending_hides_from_the_link_what_it_covered(string provider)
    {
        await using var community = await Community.CreateAsync(provider);
        var s = await SetUpAsync(community);
        await GrantAsync(s, Grantee.Network, DataCategory.Demographics, DataCategory.FoodInsecurity);
        await GrantAsync(s, Grantee.Network, DataCategory.Contact);
        await Sender(community, Navigator).RunAsync(External(community, s));
        var (_, _, token) = await LinkSentToAsync(community, PantryMail);
        Assert.Equal(("Ana Ruiz", "410-555-0101"), ((await Links(community).OpenAsync(token))!.Person!.Name, (await Links(community).OpenAsync(token))!.Person!.Phone));

        var contact = await community.Db.Consents.AsNoTracking().SingleAsync(c => c.Categories == "contact");
        Assert.True(await new RecordConsent(community.As(Navigator), community.People()).RevokeAsync(s.Person, new ConsentId(contact.Id)));
        var person = (await Links(community).OpenAsync(token))!.Person!;
        Assert.Equal(("Ana Ruiz", null), (person.Name, person.Phone));
        Assert.Contains("referrals.link.read answer link, open, sharing demographics,food-insecurity", await community.AuditAsync());
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task The_sender_sends_a_link_again_and_the_one_before_stops_working(string provider)
    {
        await using var community = await Community.CreateAsync(provider);
        var s = await SetUpAsync(community);
        await GrantAsync(s, Grantee.Network, DataCategory.Demographics, DataCategory.Contact, DataCategory.FoodInsecurity);
        var id = (await Sender(community, Navigator).RunAsync(External(community, s)))!.Id!.Value;
        var (_, _, first) = await LinkSentToAsync(community, PantryMail);

        await Assert.ThrowsAsync<AccessDeniedException>(() => Worker(community, s.PantryStaff).ResendLinkAsync(id));
        Assert.True(await Worker(community, Navigator).ResendLinkAsync(id));
        var (message, text, second) = await LinkSentToAsync(community, PantryMail);
        Assert.NotEqual(first, second);
        Assert.Equal("referral-link-answer", text.Key);
        Assert.Equal(LinkState.Expired, (await Links(community).OpenAsync(first))!.State);
        await Links(community).AnswerAsync(second, new LinkAnswer(ReferralStatus.Accepted));
        Assert.Equal(ReferralStatus.Accepted, (await ReferralAsync(community, id)).Status);

        // Accepted, the referral waits for its close link: that is the one sent again.
        Assert.True(await Worker(community, Navigator).ResendLinkAsync(id));
        Assert.Equal("referral-link-close", (await LinkSentToAsync(community, PantryMail)).Text.Key);
        Assert.Equal(2, await community.Db.ReferralLinks.CountAsync(l => l.Purpose == "close"));
        Assert.Contains("referrals.link.resend sent", await community.AuditAsync());
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Two_answers_through_one_link_at_once_make_one_change(string provider)
    {
        await using var community = await Community.CreateAsync(provider);
        var s = await SetUpAsync(community);
        await GrantAsync(s, Grantee.Network, DataCategory.Demographics, DataCategory.Contact, DataCategory.FoodInsecurity);
        var id = (await Sender(community, Navigator).RunAsync(External(community, s)))!.Id!.Value;
        var (_, _, token) = await LinkSentToAsync(community, PantryMail);

        await using var one = DatabaseOptions.CreateContext(community.Db.Database.GetConnectionString()!);
        await using var two = DatabaseOptions.CreateContext(community.Db.Database.GetConnectionString()!);
        var answers = new[] { Links(one).AnswerAsync(token, new LinkAnswer(ReferralStatus.Accepted)), Links(two).AnswerAsync(token, new LinkAnswer(ReferralStatus.Rejected, ReferralReason.NoCapacity)) };
        var outcomes = await Task.WhenAll(answers.Select(async a =>
        {
            try
            {
                return (await a)?.Referral.Status.Code();
            }
            catch (Exception e) when (e is DomainRuleException or ConcurrentChangeException)
            {
                return "refused";
            }
        }));

        Assert.Single(outcomes, o => o == "refused");
        var referral = await ReferralAsync(community, id);
        Assert.Equal((2, outcomes.Single(o => o != "refused")), (referral.Version, referral.Status.Code()));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_person_sent_to_a_service_informationally_is_asked_later_how_it_went(string provider)
    {
        await using var community = await Community.CreateAsync(provider);
        var s = await SetUpAsync(community);
        var id = (await Sender(community, Navigator).RunAsync(Request(s) with { Kind = ReferralKind.Informational }))!.Id!.Value;
        var sent = await ReferralAsync(community, id);

        // Ana has a phone only: a text, due once the service should have been in touch (the default 120 hours), naming no service.
        var (message, text, token) = await LinkSentToAsync(community, "410-555-0101");
        Assert.Equal(("sms", "referral-follow-up"), (message.Channel, text.Key));
        Assert.Single(text.Args);
        Assert.Equal(sent.SentAt.AddHours(120), message.DueAt, TimeSpan.FromMilliseconds(1));
        Assert.Null((await Links(community).OpenAsync(token))!.Person);

        // Nobody answers an informational referral, so it does not expire while it waits for the person.
        await community.Db.Referrals.ExecuteUpdateAsync(set => set.SetProperty(r => r.SentAt, DateTimeOffset.UtcNow.AddDays(-30)));
        Assert.Equal(0, await Worker(community, Actor.Operator("test", Community.Demo)).ExpireUnansweredAsync());

        await Links(community).AnswerAsync(token, new LinkAnswer(ReferralStatus.Completed, NeedMet: NeedMet.Partly));
        var closed = await ReferralAsync(community, id);
        Assert.Equal((ReferralStatus.Completed, NeedMet.Partly), (closed.Status, closed.NeedMet));
        Assert.Equal(["sent", "accepted", "completed"], closed.History.Select(e => e switch { ReferralSent => "sent", ReferralCompleted => "completed", ReferralStatusChanged c => c.Status.Code(), _ => "?" }));
        Assert.All(closed.History.Skip(1), e => Assert.Equal("person:" + s.Person, e.Stamp.By));
        Assert.Equal(NeedStatus.Accepted, (await community.People().NeedsAsync(Community.Demo, [s.Person])).Single(n => n.Id == s.Need).Status);
    }
}
