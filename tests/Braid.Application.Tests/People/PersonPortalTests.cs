using Braid.Application.People;
using Braid.Application.Referrals;
using Braid.Core;
using Braid.Core.Access;
using Braid.Core.People;
using Braid.Data.Outbox;
using Braid.Data.People;
using Braid.Data.Referrals;
using Braid.Testing;
using Microsoft.EntityFrameworkCore;
using static Braid.Application.Tests.People.PeopleFixture;

namespace Braid.Application.Tests.People;

/// <summary>A clock the test moves.</summary>
internal sealed class TestClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;
    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>
/// The person's own door: one-time codes to an email address or phone, sign-up, a navigator's
/// invitation to claim a record, and a session that opens that person's record and nothing else.
/// </summary>
public sealed class PersonPortalTests
{
    public static TheoryData<string> Providers => new(TestDatabases.Providers);

    private static readonly PublicSite Site = new(new Uri("https://braid.example.org/"));

    private static PersonPortal Portal(Community community, Actor? actor = null, TimeProvider? time = null)
    {
        var context = community.As(actor ?? Actor.Anonymous, time);
        return new PersonPortal(context, new PortalStore(community.Db), community.People(), new OutboxStore(community.Db), Site);
    }

    private static PortalContact Contact(string text) => PortalContact.Parse(text) ?? throw new ArgumentException(text);

    /// <summary>The newest message sent to a recipient, and what it says.</summary>
    private static async Task<(OutboxMessageRow Message, OutboxText Text)> LastSentToAsync(Community community, string recipient)
    {
        var message = (await community.Db.Outbox.AsNoTracking().Where(m => m.Recipient == recipient).ToListAsync()).OrderBy(m => m.CreatedAt).ThenBy(m => m.Id).Last();
        return (message, OutboxText.FromJson(message.Payload));
    }

    private static async Task<int> SentToAsync(Community community, string recipient) => await community.Db.Outbox.CountAsync(m => m.Recipient == recipient);

    /// <summary>Signs a new contact up as Rosa Díaz, returning the session.</summary>
    private static async Task<PortalSession> SignUpAsync(Community community, string contact, TimeProvider? time = null)
    {
        var portal = Portal(community, time: time);
        await portal.RequestCodeAsync(Contact(contact), "es");
        var (_, text) = await LastSentToAsync(community, Contact(contact).Value);
        var verified = await portal.VerifyAsync(Contact(contact), text.Args[0]);
        Assert.Equal(PortalCodeOutcome.NameNeeded, verified.Outcome);
        var (session, errors) = await portal.SignUpAsync(verified.SignUp!, "Rosa", "Díaz", "es");
        Assert.Empty(errors);
        return session!;
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_new_contact_signs_up_with_the_code_sent_to_it_and_opens_their_own_record(string provider)
    {
        await using var community = await Community.CreateAsync(provider);
        var portal = Portal(community);
        await portal.RequestCodeAsync(Contact(" Rosa.Diaz@Example.org "), "es");

        var (message, text) = await LastSentToAsync(community, "rosa.diaz@example.org");
        Assert.Equal(("email", "es", "portal-code"), (message.Channel, message.Language, text.Key));
        Assert.Matches("^[0-9]{6}$", text.Args[0]);
        Assert.Equal("15", text.Args[1]);
        Assert.DoesNotContain(text.Args[0], await community.Db.PersonCodes.Select(c => c.CodeHash).SingleAsync());

        var wrong = text.Args[0] == "000000" ? "111111" : "000000";
        Assert.Equal(PortalCodeOutcome.Wrong, (await portal.VerifyAsync(Contact("rosa.diaz@example.org"), wrong)).Outcome);
        var verified = await portal.VerifyAsync(Contact("ROSA.DIAZ@example.org"), text.Args[0][..3] + " " + text.Args[0][3..]);
        Assert.Equal(PortalCodeOutcome.NameNeeded, verified.Outcome);

        var (nameless, errors) = await portal.SignUpAsync(verified.SignUp!, " ", null, "es");
        Assert.Null(nameless);
        Assert.Equal("person-name-required", errors["family_name"].Key);
        var (session, _) = await portal.SignUpAsync(verified.SignUp!, "Rosa", "Díaz", "es");
        Assert.NotNull(session);
        Assert.Equal("email:rosa.diaz@example.org", session.Contact);
        var (again, expired) = await portal.SignUpAsync(verified.SignUp!, "Rosa", "Díaz", "es");
        Assert.Null(again);
        Assert.Equal("portal-sign-up-expired", expired["code"].Key);

        var own = (await new ReadOwnRecord(community.As(Actor.Person(session.Person, Community.Demo)), community.People(), new ReferralStore(community.Db)).RunAsync())!;
        Assert.Equal(("Rosa Díaz", "rosa.diaz@example.org", "es", PersonPortal.SelfRegistered), (own.Person.DisplayName, own.Person.Email, own.Person.Language, own.Person.RegisteredBy));
        Assert.Equal(ContactChannel.Email, own.Person.PreferredChannel);
        Assert.Equal(["portal.sign-up signed up with r…@example.org", "portal.sign-up refused: the code for r…@example.org was used meanwhile"],
            await community.AuditAsync("portal.sign-up"));
        Assert.Single(await community.AuditAsync("people.self.read"));
        Assert.Equal(session.Person.Value, await Portal(community).SessionPersonAsync(session.Contact, session.Stamp));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task The_door_sends_the_same_message_to_a_known_and_an_unknown_contact_and_the_code_signs_in(string provider)
    {
        await using var community = await Community.CreateAsync(provider);
        var known = await SignUpAsync(community, "410-555-0123");
        var portal = Portal(community);

        await portal.RequestCodeAsync(Contact("(410) 555-0123"), "en");
        await portal.RequestCodeAsync(Contact("443-555-0188"), "en");
        var (toKnown, knownText) = await LastSentToAsync(community, "4105550123");
        var (toUnknown, unknownText) = await LastSentToAsync(community, "4435550188");
        Assert.Equal((toKnown.Channel, knownText.Key, knownText.Args.Count), (toUnknown.Channel, unknownText.Key, unknownText.Args.Count));
        Assert.Equal("sms", toKnown.Channel);

        var signedIn = await portal.VerifyAsync(Contact("+1 410 555 0123"), knownText.Args[0]);
        Assert.Equal(PortalCodeOutcome.SignedIn, signedIn.Outcome);
        Assert.Equal(known.Person, signedIn.Session!.Person);
        Assert.Equal(PortalCodeOutcome.Wrong, (await portal.VerifyAsync(Contact("4105550123"), knownText.Args[0])).Outcome);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Codes_stop_working_after_five_wrong_tries_after_fifteen_minutes_and_past_three_sends(string provider)
    {
        await using var community = await Community.CreateAsync(provider);
        var clock = new TestClock(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero));
        var portal = Portal(community, time: clock);
        var contact = Contact("guess@example.org");

        await portal.RequestCodeAsync(contact, "en");
        var code = (await LastSentToAsync(community, contact.Value)).Text.Args[0];
        var wrong = code == "000000" ? "111111" : "000000";
        for (var i = 0; i < PortalCodes.MaxAttempts; i++) Assert.Equal(PortalCodeOutcome.Wrong, (await portal.VerifyAsync(contact, wrong)).Outcome);
        Assert.Equal(PortalCodeOutcome.Wrong, (await portal.VerifyAsync(contact, code)).Outcome);

        await portal.RequestCodeAsync(contact, "en");
        code = (await LastSentToAsync(community, contact.Value)).Text.Args[0];
        clock.Now += TimeSpan.FromMinutes(15);
        Assert.Equal(PortalCodeOutcome.Wrong, (await portal.VerifyAsync(contact, code)).Outcome);

        var flooded = Contact("flood@example.org");
        for (var i = 0; i < PortalCodes.MaxSends + 1; i++) await portal.RequestCodeAsync(flooded, "en");
        Assert.Equal(PortalCodes.MaxSends, await SentToAsync(community, flooded.Value));
        Assert.Contains(await community.AuditAsync("portal.code"), e => e.Contains("not sent"));
        clock.Now += PortalCodes.SendWindow;
        await portal.RequestCodeAsync(flooded, "en");
        Assert.Equal(PortalCodes.MaxSends + 1, await SentToAsync(community, flooded.Value));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_navigator_invites_the_person_to_claim_the_record_they_made_and_the_code_opens_that_record(string provider)
    {
        await using var community = await Community.CreateAsync(provider);
        var person = await community.RegisterAsync(Draft("Ana", "Ruiz", new DateOnly(1990, 4, 2), "410-555-0199") with { Language = "es" });
        await community.Reader(Navigator).RunAsync(person, "page");

        await Assert.ThrowsAsync<AccessDeniedException>(() => Portal(community, FoodBankStaff).InviteAsync(person));
        Assert.Equal("…0199", await Portal(community, Navigator).InviteAsync(person));
        var (message, text) = await LastSentToAsync(community, "4105550199");
        Assert.Equal(("sms", "es", "portal-claim"), (message.Channel, message.Language, text.Key));
        Assert.Equal(["https://braid.example.org/me/code", "7"], text.Args.Skip(1));

        var claimed = await Portal(community).VerifyAsync(Contact("410 555 0199"), text.Args[0]);
        Assert.Equal(PortalCodeOutcome.SignedIn, claimed.Outcome);
        Assert.Equal(person, claimed.Session!.Person);

        var own = (await new ReadOwnRecord(community.As(Actor.Person(person, Community.Demo)), community.People(), new ReferralStore(community.Db)).RunAsync())!;
        Assert.Equal("Ana Ruiz", own.Person.DisplayName);
        Assert.Contains(own.Disclosures, d => d.Actor == Navigator.Id);
        Assert.Single(await community.AuditAsync("portal.claim"));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_person_reaches_their_own_record_only_and_signing_out_ends_the_session(string provider)
    {
        await using var community = await Community.CreateAsync(provider);
        var other = await community.RegisterAsync(Draft("Luis", "Soto", new DateOnly(1980, 1, 1)));
        var session = await SignUpAsync(community, "rosa@example.org");
        var rosa = Actor.Person(session.Person, Community.Demo);

        await Assert.ThrowsAsync<AccessDeniedException>(() => community.Reader(rosa).RunAsync(other, "page"));
        await Assert.ThrowsAsync<AccessDeniedException>(() => community.Reader(rosa).RunAsync(session.Person, "page"));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Portal(community, rosa).InviteAsync(session.Person));
        await Assert.ThrowsAsync<AccessDeniedException>(() => new ReadOwnRecord(community.As(Navigator), community.People(), new ReferralStore(community.Db)).RunAsync());

        await Portal(community, rosa).SignOutAsync(session.Contact);
        Assert.Null(await Portal(community).SessionPersonAsync(session.Contact, session.Stamp));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_person_steers_their_own_needs_goals_and_consents_and_no_one_elses(string provider)
    {
        await using var community = await Community.CreateAsync(provider);
        var ana = await ConsentTests.ScreenedAsync(community);
        var (consent, _) = await new RecordConsent(community.As(Navigator), community.People())
            .GrantAsync(ana, ConsentTests.Consent(Grantee.Organization(FoodBank), [DataCategory.Demographics, DataCategory.FoodInsecurity]));
        await Portal(community, Navigator).InviteAsync(ana);
        var (_, invitation) = await LastSentToAsync(community, "4105550123");
        Assert.Equal(PortalCodeOutcome.SignedIn, (await Portal(community).VerifyAsync(Contact("410-555-0123"), invitation.Args[0])).Outcome);

        var me = Actor.Person(ana, Community.Demo);
        var needs = new PrioritizeNeeds(community.As(me), community.People());
        var proposed = (await community.People().NeedsAsync(Community.Demo, [ana])).Where(n => n.Status == NeedStatus.Proposed).ToList();
        Assert.Equal(2, proposed.Count);
        foreach (var need in proposed) Assert.True(await needs.DecideAsync(ana, need.Id, accept: true));
        Assert.True(await needs.RankAsync(ana, [proposed[1].Id, proposed[0].Id]));
        Assert.Null((await needs.SetGoalAsync(ana, "Feed my kids every day", proposed[1].Id)).Error);
        Assert.True(await new RecordConsent(community.As(me), community.People()).RevokeAsync(ana, consent!.Value));

        var own = (await new ReadOwnRecord(community.As(me), community.People(), new ReferralStore(community.Db)).RunAsync())!;
        Assert.Equal([proposed[1].Category, proposed[0].Category], own.Needs.Where(n => n.Status == NeedStatus.Accepted).OrderBy(n => n.Rank).Select(n => n.Category));
        Assert.Contains(own.Goals, g => g.Text == "Feed my kids every day");
        Assert.NotNull(Assert.Single(own.Consents).RevokedAt);
        await Assert.ThrowsAsync<AccessDeniedException>(() => community.Reader(FoodBankStaff).RunAsync(ana, "page"));

        // Reading her own screening is audited and discloses her record to no one.
        var disclosed = await community.DisclosuresAsync(ana);
        Assert.NotNull(await new ScreenPerson(community.As(me), community.People()).ReadAsync(own.Screenings[0].Id));
        Assert.Equal(disclosed, await community.DisclosuresAsync(ana));

        var luis = await community.RegisterAsync(Draft("Luis", "Soto", new DateOnly(1980, 1, 1)));
        await Assert.ThrowsAsync<AccessDeniedException>(() => needs.AddAsync(luis, "food-insecurity"));
        await Assert.ThrowsAsync<AccessDeniedException>(() => needs.RankAsync(luis, []));
        await Assert.ThrowsAsync<AccessDeniedException>(() => new RecordConsent(community.As(me), community.People()).RevokeAsync(luis, consent.Value));
        await Assert.ThrowsAsync<AccessDeniedException>(() => new RegisterPerson(community.As(me), community.People()).RunAsync(PersonPortal.SelfRegistered, Draft("Eve", "Doe")));
    }
}
