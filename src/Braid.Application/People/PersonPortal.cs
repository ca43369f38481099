using Braid.Application.Referrals;
using Braid.Core.People;
using Braid.Core.Referrals;
using Braid.Data.Outbox;
using Braid.Data.People;
using Braid.Data.Referrals;

namespace Braid.Application.People;

/// <summary>A portal session: the account (its contact and session stamp) and the person it opens.</summary>
public sealed record PortalSession(PersonId Person, string Contact, string Stamp);

public enum PortalCodeOutcome
{
    /// <summary>No live code for the contact matches (wrong, expired, used, or tried too often); which of these is not said.</summary>
    Wrong,
    SignedIn,

    /// <summary>A new contact proved: the person gives their name next (<see cref="PersonPortal.SignUpAsync"/>) with <see cref="PortalCodeResult.SignUp"/>.</summary>
    NameNeeded,

    /// <summary>A claim code for a record while the contact already opens another one.</summary>
    ContactTaken,
}

public sealed record PortalCodeResult(PortalCodeOutcome Outcome, PortalSession? Session = null, string? SignUp = null);

/// <summary>
/// The person's own door. A person types their email address or phone number and gets a one-time
/// code there: to sign in when an account has that contact, to sign up when none has. The answer
/// on the page is the same either way, so the door never tells who has an account. A navigator
/// can invite the person to take over the record the navigator made (a claim code sent to the
/// contact on file). Codes follow <see cref="PortalCodes"/>; every step is audited.
/// </summary>
public sealed class PersonPortal(UseCaseContext context, PortalStore portal, PeopleStore people, OutboxStore outbox, PublicSite site)
{
    /// <summary>The organization a person who signed up themself is registered by: nobody holds their record but them.</summary>
    public static readonly OrganizationId SelfRegistered = new("self");

    /// <summary>
    /// Sends a code to the contact (in <paramref name="language"/>): a sign-in code when an account
    /// has it, otherwise a sign-up code. Past <see cref="PortalCodes.MaxSends"/> in the window nothing
    /// more is sent. The caller answers the same whatever happened.
    /// </summary>
    public async Task RequestCodeAsync(PortalContact contact, string language, CancellationToken ct = default)
    {
        var actor = await context.Caller.ActorAsync(ct);
        var now = context.Time.GetUtcNow();
        await context.ChangeAsync(async audit =>
        {
            if (await portal.CodesSentSinceAsync(context.CommunityId, contact.Key, now - PortalCodes.SendWindow, ct) >= PortalCodes.MaxSends)
            {
                audit.Record(actor, "portal.code", $"not sent to {contact.Masked}: {PortalCodes.MaxSends} sent in {PortalCodes.SendWindow.TotalMinutes:F0} minutes");
                return true;
            }

            var account = await portal.AccountAsync(context.CommunityId, contact.Key, ct);
            var purpose = account is null ? PortalCodePurpose.SignUp : PortalCodePurpose.SignIn;
            await SendCodeAsync(contact, purpose, account is null ? null : new PersonId(account.PersonId), language, now, PortalCodes.Lifetime, ct);
            audit.Record(actor, "portal.code", $"{PortalCodes.PurposeCode(purpose)} code sent to {contact.Masked}", target: account is null ? null : PersonGate.Target(new PersonId(account.PersonId)));
            return true;
        }, ct);
    }

    /// <summary>Checks a typed code against the contact's live codes, and signs in, claims, or starts the sign-up it was sent for.</summary>
    public async Task<PortalCodeResult> VerifyAsync(PortalContact contact, string typed, CancellationToken ct = default)
    {
        var actor = await context.Caller.ActorAsync(ct);
        var now = context.Time.GetUtcNow();
        return await context.ChangeAsync(async audit =>
        {
            var live = await portal.LiveCodesAsync(context.CommunityId, contact.Key, now, PortalCodes.MaxAttempts, ct);
            var code = PortalCodes.Normalize(typed) is { } digits ? live.FirstOrDefault(c => PortalCodes.Matches(c.Id, digits, c.CodeHash)) : null;
            if (code is null)
            {
                await portal.CountWrongTryAsync(context.CommunityId, [.. live.Select(c => c.Id)], ct);
                audit.Record(actor, "portal.verify", $"wrong code for {contact.Masked}");
                return new PortalCodeResult(PortalCodeOutcome.Wrong);
            }

            var purpose = PortalCodes.FromCode(code.Purpose);
            if (purpose == PortalCodePurpose.SignUp)
            {
                if (await portal.AccountAsync(context.CommunityId, contact.Key, ct) is null)
                {
                    code.VerifiedAt = now;
                    await context.Db.SaveChangesAsync(ct);
                    audit.Record(actor, "portal.verify", $"sign-up code right for {contact.Masked}");
                    return new PortalCodeResult(PortalCodeOutcome.NameNeeded, SignUp: code.Id);
                }

                // An account was made for the contact since the code was sent: the code opens it.
                purpose = PortalCodePurpose.SignIn;
            }

            if (!await portal.UseCodeAsync(context.CommunityId, code.Id, now, ct))
            {
                // Another try with the same code got there first.
                audit.Record(actor, "portal.verify", $"code for {contact.Masked} used meanwhile");
                return new PortalCodeResult(PortalCodeOutcome.Wrong);
            }

            var account = await portal.AccountAsync(context.CommunityId, contact.Key, ct);
            if (purpose == PortalCodePurpose.Claim && code.PersonId is { } claimed)
            {
                if (account is not null && account.PersonId != claimed)
                {
                    audit.Record(actor, "portal.claim", $"refused: {contact.Masked} already opens another record", target: PersonGate.Target(new PersonId(claimed)));
                    return new PortalCodeResult(PortalCodeOutcome.ContactTaken);
                }

                account ??= NewAccount(contact, new PersonId(claimed), now);
                audit.Record(actor, "portal.claim", $"{contact.Masked} claimed the record", target: PersonGate.Target(new PersonId(claimed)));
            }

            if (account is null)
            {
                audit.Record(actor, "portal.verify", $"no account opens with {contact.Masked}");
                return new PortalCodeResult(PortalCodeOutcome.Wrong);
            }

            account.SignedInAt = now;
            await context.Db.SaveChangesAsync(ct);
            var session = new PortalSession(new PersonId(account.PersonId), account.Contact, account.SessionStamp);
            audit.Record(Actor.Person(session.Person, context.CommunityId), "portal.sign-in", $"signed in with {contact.Masked}", target: PersonGate.Target(session.Person));
            return new PortalCodeResult(PortalCodeOutcome.SignedIn, session);
        }, ct);
    }

    /// <summary>
    /// Registers the person who proved a new contact with the sign-up code <paramref name="signUp"/>
    /// (verified, not yet used, not expired): their record holds their name, the contact and their
    /// language, and they hold it themself. The errors name what is wrong; nothing is stored then.
    /// </summary>
    public async Task<(PortalSession? Session, IReadOnlyDictionary<string, InputError> Errors)> SignUpAsync(string signUp, string? givenName, string? familyName, string language,
        CancellationToken ct = default)
    {
        var actor = await context.Caller.ActorAsync(ct);
        var now = context.Time.GetUtcNow();
        if (await portal.CodeAsync(context.CommunityId, signUp, ct) is not { VerifiedAt: not null, UsedAt: null } code || PortalCodes.FromCode(code.Purpose) != PortalCodePurpose.SignUp || code.ExpiresAt <= now
            || PortalContact.FromKey(code.Contact) is not { } contact)
            return (null, new Dictionary<string, InputError> { ["code"] = new InputError("portal-sign-up-expired") });

        var person = new Person
        {
            Id = new PersonId(Guid.NewGuid().ToString()), RegisteredBy = SelfRegistered, GivenName = givenName?.Trim(), FamilyName = familyName?.Trim(),
            Email = contact.Kind == PortalContactKind.Email ? contact.Value : null, Phone = contact.Kind == PortalContactKind.Phone ? contact.Value : null,
            PreferredChannel = contact.Kind == PortalContactKind.Email ? ContactChannel.Email : ContactChannel.Text, Language = language,
        };
        if (PersonRules.Validate(person, DateOnly.FromDateTime(now.UtcDateTime)) is { Count: > 0 } errors) return (null, errors);

        return await context.ChangeAsync<(PortalSession?, IReadOnlyDictionary<string, InputError>)>(async audit =>
        {
            if (!await portal.UseCodeAsync(context.CommunityId, code.Id, now, ct) || await portal.AccountAsync(context.CommunityId, contact.Key, ct) is not null)
            {
                audit.Record(actor, "portal.sign-up", $"refused: the code for {contact.Masked} was used meanwhile");
                return (null, new Dictionary<string, InputError> { ["code"] = new InputError("portal-sign-up-expired") });
            }

            await people.AddAsync(context.CommunityId, person, now, ct);
            var account = NewAccount(contact, person.Id, now);
            account.SignedInAt = now;
            await context.Db.SaveChangesAsync(ct);
            audit.Record(Actor.Person(person.Id, context.CommunityId), "portal.sign-up", $"signed up with {contact.Masked}", target: PersonGate.Target(person.Id));
            return (new PortalSession(person.Id, account.Contact, account.SessionStamp), new Dictionary<string, InputError>());
        }, ct);
    }

    /// <summary>The person a session opens, while the account still has the session's stamp; null once it was ended.</summary>
    public Task<string?> SessionPersonAsync(string contact, string stamp, CancellationToken ct = default) =>
        portal.SessionPersonAsync(context.CommunityId, contact, stamp, ct);

    /// <summary>Ends every session of the signed-in person's account (signing out ends them all, on every device).</summary>
    public async Task SignOutAsync(string contact, CancellationToken ct = default)
    {
        var actor = await context.AuthorizeAsync(Permission.OwnRecord, ct: ct);
        await context.ChangeAsync(async audit =>
        {
            await portal.RenewStampAsync(context.CommunityId, contact, Secrets.NewToken(), ct);
            audit.Record(actor, "portal.sign-out", "every session ended", target: PersonGate.Target(actor.PersonId!.Value));
            return true;
        }, ct);
    }

    /// <summary>
    /// The navigator who holds a person's record invites the person to take it over: a claim code
    /// goes to the contact on file (by the person's channel), good for <see cref="PortalCodes.ClaimLifetime"/>.
    /// Returns the contact it went to (masked), or null when the record has no email or phone.
    /// </summary>
    public async Task<string?> InviteAsync(PersonId id, CancellationToken ct = default)
    {
        // Staff invite; a person already in their portal has nothing to claim.
        await context.AuthorizeAsync(Permission.PersonWrite, target: PersonGate.Target(id), ct: ct);
        var (actor, file) = await new PersonGate(context, people).CustodianAsync(id, ct);
        if (file is null) return null;
        var person = file.Person;
        if (PersonNotice.Reach(person) is not { } reach || PortalContact.Parse(reach.To) is not { } contact) return null;
        var now = context.Time.GetUtcNow();
        return await context.ChangeAsync(async audit =>
        {
            await SendCodeAsync(contact, PortalCodePurpose.Claim, person.Id, reach.Language, now, PortalCodes.ClaimLifetime, ct);
            audit.Record(actor, "portal.invite", $"claim code sent to {contact.Masked}", person.RegisteredBy, PersonGate.Target(person.Id));
            return contact.Masked;
        }, ct);
    }

    private async Task SendCodeAsync(PortalContact contact, PortalCodePurpose purpose, PersonId? person, string language, DateTimeOffset now, TimeSpan lifetime, CancellationToken ct)
    {
        var code = PortalCodes.New();
        var row = new PersonCodeRow
        {
            CommunityId = context.CommunityId.Value, Id = Guid.NewGuid().ToString(), Contact = contact.Key, Purpose = PortalCodes.PurposeCode(purpose),
            PersonId = person?.Value, CreatedAt = now, ExpiresAt = now + lifetime,
        };
        row.CodeHash = PortalCodes.Hash(row.Id, code);
        portal.AddCode(row);
        // The message says what the code is for and nothing else: a text may be read by anyone holding the phone.
        var text = purpose == PortalCodePurpose.Claim
            ? new OutboxText("portal-claim", [code, site.Link("/me/code"), Whole(lifetime.TotalDays)])
            : new OutboxText("portal-code", [code, Whole(lifetime.TotalMinutes)]);
        await outbox.QueueAsync([OutboxMessageRow.Due(context.CommunityId.Value, "portal-code:" + row.Id, contact.Kind == PortalContactKind.Email ? "email" : "sms", contact.Value,
            language, text.ToJson(), now)], ct);
    }

    private static string Whole(double value) => ((int)value).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private PersonAccountRow NewAccount(PortalContact contact, PersonId person, DateTimeOffset now)
    {
        var account = new PersonAccountRow { CommunityId = context.CommunityId.Value, Contact = contact.Key, PersonId = person.Value, SessionStamp = Secrets.NewToken(), CreatedAt = now };
        portal.AddAccount(account);
        return account;
    }
}
