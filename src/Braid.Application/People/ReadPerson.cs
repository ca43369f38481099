using Braid.Application.Access;
using Braid.Core.Directory.Eligibility;
using Braid.Core.People;
using Braid.Core.Screening;
using Braid.Data.Directory;
using Braid.Data.People;
using Microsoft.EntityFrameworkCore;

namespace Braid.Application.People;

/// <summary>
/// What one reader may see of a person: each part is null (or empty) when the person's consents and
/// the reader's role withhold it, and <see cref="Access"/> says why for each category.
/// </summary>
public sealed record PersonRecord(
    Person? Person, IReadOnlyList<Need> Needs, IReadOnlyList<Goal> Goals, IReadOnlyList<Screening> Screenings, IReadOnlyList<PersonConsent> Consents,
    IReadOnlyList<Disclosure> Disclosures, IReadOnlyList<Person> Merged, IReadOnlyDictionary<DataCategory, PersonAccess> Access)
{
    public PersonId Id => Person?.Id ?? default;

    /// <summary>True when the reader holds the record for the person's care (they may record consents, merge, see the disclosure log).</summary>
    public bool IsCustodian { get; init; }

    /// <summary>The names of the organizations the record mentions (who registered the person, consent grantees, readers).</summary>
    public IReadOnlyDictionary<string, string?> Organizations { get; init; } = new Dictionary<string, string?>();

    /// <summary>The readers in the disclosure log, in words.</summary>
    public StaffNames Readers { get; init; } = StaffNames.None;

    /// <summary>Shown with anything disclosed from substance-use records.</summary>
    public string? Part2Notice => Access.TryGetValue(DataCategory.SubstanceUse, out var a) && a.Allowed ? PersonConsent.Part2Notice : null;
}

/// <summary>
/// A navigator, CBO worker or API client reads a person's record: every category is decided by
/// <see cref="PersonDataAccess"/>, only what is allowed is returned, and the read is in the
/// person's disclosure log before anything is returned. A break-the-glass read is flagged to the
/// community's administrators.
/// </summary>
public sealed class ReadPerson(UseCaseContext context, PeopleStore people, IMailer mailer)
{
    public static readonly IReadOnlyList<DataCategory> Everything = Enum.GetValues<DataCategory>();

    /// <param name="id">The person (a merged duplicate's id reads the record it was merged into).</param>
    /// <param name="channel">page, api, fhir or export: where the data goes.</param>
    /// <param name="purpose">Why the reader reads it.</param>
    /// <param name="breakGlassReason">For an emergency read without consent: why.</param>
    /// <param name="ct">Cancels the read.</param>
    /// <returns>Null when there is no such person.</returns>
    public async Task<PersonRecord?> RunAsync(PersonId id, string channel, Purpose purpose = Purpose.CareCoordination, string? breakGlassReason = null, CancellationToken ct = default)
    {
        var actor = await context.AuthorizeAsync(Permission.PersonRead, target: PersonGate.Target(id), ct: ct);
        var gate = new PersonGate(context, people);
        if (await gate.LoadAsync(id, ct) is not { } file) return null;
        var access = gate.Decide(actor, file, Everything, purpose, breakGlassReason);
        if (!access.Values.Any(a => a.Allowed))
        {
            await context.RecordAsync(actor, "people.read", "denied: " + access[DataCategory.Demographics].Reason, target: PersonGate.Target(file.Person.Id), ct: ct);
            throw new AccessDeniedException(actor, Permission.PersonRead, new AccessDecision(false, access[DataCategory.Demographics].Reason));
        }

        bool May(DataCategory c) => access[c].Allowed;
        var custodian = actor.Kind == ActorKind.Operator || PersonDataAccess.IsCustodian(actor, file.Person);
        var record = await context.ChangeAsync(async audit =>
        {
            var needs = (await people.NeedsAsync(context.CommunityId, file.Ids, ct)).Where(n => May(NeedCategories.Of(n.Category))).ToList();
            var goals = (await people.GoalsAsync(context.CommunityId, file.Ids, ct)).Where(g => g.Need is null ? May(DataCategory.Screening) : needs.Any(n => n.Id == g.Need)).ToList();
            var screenings = May(DataCategory.Screening) ? (await people.ScreeningsAsync(context.CommunityId, file.Ids, ct)).Select(s => Withhold(s, May)).ToList() : [];
            var disclosures = custodian ? await people.DisclosuresAsync(context.CommunityId, file.Ids, ct) : [];
            await gate.DiscloseAsync(audit, actor, file, channel, access, purpose, ct);
            var mentioned = disclosures.Select(d => d.Organization?.Value).Concat(file.Consents.Select(c => c.Grantee.Kind == GranteeKind.Organization ? c.Grantee.Value : null))
                .Append(file.Person.RegisteredBy.Value).OfType<string>().Distinct().ToList();
            var organizations = await new HsdsReader(context.Db).OrganizationNamesAsync(context.CommunityId.Value, mentioned, ct);
            var readers = await StaffNames.LoadAsync(context.Db, disclosures.Select(d => d.Actor), ct);
            return new PersonRecord(
                May(DataCategory.Demographics) ? Withhold(file.Person, May) : null, needs, goals, screenings, May(DataCategory.Demographics) ? file.Consents : [],
                disclosures, custodian ? file.Merged : [], access) { IsCustodian = custodian, Organizations = organizations, Readers = readers };
        }, ct);

        if (access.Values.Any(a => a.BrokeTheGlass)) await FlagAsync(actor, file.Person, breakGlassReason!, ct);
        return record;
    }

    /// <summary>Whose record a FHIR resource of Braid's belongs to (a need, goal, consent, screening or one of its observations); null when there is none.</summary>
    public async Task<PersonId?> OwnerAsync(string type, string id, CancellationToken ct = default)
    {
        await context.AuthorizeAsync(Permission.PersonRead, ct: ct);
        var community = context.CommunityId.Value;
        var screening = id.Length >= 36 ? id[..36] : id;
        var db = context.Db;
        var owner = type switch
        {
            "Condition" => await db.Needs.Where(n => n.CommunityId == community && n.Id == id).Select(n => n.PersonId).FirstOrDefaultAsync(ct),
            "Goal" => await db.Goals.Where(g => g.CommunityId == community && g.Id == id).Select(g => g.PersonId).FirstOrDefaultAsync(ct),
            "Consent" => await db.Consents.Where(c => c.CommunityId == community && c.Id == id).Select(c => c.PersonId).FirstOrDefaultAsync(ct),
            // An observation's id starts with its screening's (a GUID).
            "QuestionnaireResponse" or "Observation" =>
                await db.Screenings.Where(s => s.CommunityId == community && s.Id == screening).Select(s => s.PersonId).FirstOrDefaultAsync(ct),
            _ => null,
        };
        return owner is null ? null : new PersonId(owner);
    }

    /// <summary>Contact details are their own category: without it, the person's record has none.</summary>
    private static Person Withhold(Person person, Func<DataCategory, bool> may) => may(DataCategory.Contact) ? person : person with
    {
        Phone = null, Email = null, AlternateContact = null, AddressLine = null, City = null, State = null, PostalCode = null, Latitude = null, Longitude = null,
        MayLeaveMessage = null, PreferredChannel = null,
    };

    /// <summary>A screening's answers in a domain the reader may not see are left out (interpersonal safety above all).</summary>
    internal static Screening Withhold(Screening screening, Func<DataCategory, bool> may) => screening with
    {
        Responses = screening.Responses.Where(r => screening.Instrument.Find(r.Key) is not { } q || may(q.ConsentCategory)).ToDictionary(),
    };

    private async Task FlagAsync(Actor actor, Person person, string reason, CancellationToken ct)
    {
        var db = context.Db;
        var admins = await db.Memberships.AsNoTracking()
            .Where(m => m.CommunityId == context.CommunityId.Value && m.Role == Roles.CommunityAdmin)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { u.Email, u.Language })
            .ToListAsync(ct);
        foreach (var admin in admins.Where(a => a.Email is not null).Distinct())
        {
            await mailer.SendAsync(admin.Email!, new EmailMessage("break-glass", actor.Id, person.Id.Value, reason), admin.Language);
        }
    }

    /// <summary>
    /// What a person's record says that services' eligibility rules ask (age, household, income
    /// band, and where they live when the reader may see their contact details), to judge the
    /// services a navigator may refer them to; the read is in their disclosure log. Null when there
    /// is no such person or the reader may not see their demographics.
    /// </summary>
    public async Task<PersonFacts?> EligibilityFactsAsync(PersonId id, CancellationToken ct = default)
    {
        var actor = await context.AuthorizeAsync(Permission.PersonRead, target: PersonGate.Target(id), ct: ct);
        var gate = new PersonGate(context, people);
        if (await gate.LoadAsync(id, ct) is not { } file) return null;
        var access = gate.Decide(actor, file, [DataCategory.Demographics, DataCategory.Contact], Purpose.CareCoordination);
        if (!access[DataCategory.Demographics].Allowed) return null;
        await context.ChangeAsync(async audit =>
        {
            await gate.DiscloseAsync(audit, actor, file, "eligibility", access, Purpose.CareCoordination, ct);
            return true;
        }, ct);
        var today = DateOnly.FromDateTime((await context.LocalNowAsync(ct)).DateTime);
        return PersonFacts.Of(file.Person, today, withAddress: access[DataCategory.Contact].Allowed);
    }
}
