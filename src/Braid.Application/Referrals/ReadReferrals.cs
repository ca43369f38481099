using Braid.Application.Access;
using Braid.Application.People;
using Braid.Core.People;
using Braid.Core.Referrals;
using Braid.Data.Directory;
using Braid.Data.People;
using Braid.Data.Referrals;

namespace Braid.Application.Referrals;

/// <summary>Which referrals of an organization: those sent to it (its inbox) or those it sent.</summary>
public enum ReferralBox { Received, Sent }

/// <summary>
/// A referral in a list, with the person's name when the reader may see it (null otherwise), the
/// two organizations' names, and the next deadline of the community's service levels (none once closed).
/// </summary>
public sealed record ReferralListing(ReferralRow Referral, string? PersonName, string FromName, string? ToName)
{
    public Deadline? Deadline { get; init; }
}

/// <summary>A referral as one of its sides sees it (no side when the reader holds the person's record but is on neither), with the two organizations' names.</summary>
public sealed record ReferralView(Referral Referral, ReferralParty? Party, string FromName, string? ToName)
{
    /// <summary>Who did what in the history, in words.</summary>
    public StaffNames Staff { get; init; } = StaffNames.None;

    /// <summary>The next deadline of the community's service levels; none once closed.</summary>
    public Deadline? Deadline { get; init; }

    /// <summary>The links emailed for it (to an external organization, or to the person), for its sending side to follow.</summary>
    public IReadOnlyList<ReferralLinkRow> Links { get; init; } = [];

    /// <summary>Who the referral is for and how to reach them, as far as the reader may see (each part read is in the person's disclosure log); null when nothing.</summary>
    public ReferredPerson? Person { get; init; }
}

/// <summary>The person a referral is for, as its reader may see them: name (demographics) and how to reach them (contact), each null when not allowed.</summary>
public sealed record ReferredPerson(string? Name, string? Language, string? Phone, string? Email, ContactChannel? PreferredChannel);

/// <summary>
/// Reads referrals for the organizations on their sides: an organization's inbox or sent list, one
/// referral with its history, a person's referrals. People are named in a list only as their
/// consents allow, and each name shown is in the person's disclosure log.
/// </summary>
public sealed class ReadReferrals(UseCaseContext context, ReferralStore referrals, PeopleStore people)
{
    public async Task<IReadOnlyList<ReferralListing>> ListAsync(OrganizationId organization, ReferralBox box, ReferralFilter? filter = null, CancellationToken ct = default)
    {
        var actor = await context.AuthorizeAsync(Permission.ReferralRead, organization, ct: ct);
        filter = (filter ?? new ReferralFilter()) with { To = box == ReferralBox.Received ? organization : null, From = box == ReferralBox.Sent ? organization : null };
        var rows = await referrals.ListAsync(context.CommunityId, filter, ct: ct);
        if (rows.Count == 0) return [];

        var organizations = await OrganizationNamesAsync(rows.SelectMany(r => new[] { r.FromOrganization, r.ToOrganization }), ct);
        var sla = await referrals.SlaAsync(context.CommunityId, ct);
        var listed = await people.ManyAsync(context.CommunityId, [.. rows.Select(r => new PersonId(r.PersonId))], ct);
        var consents = await people.ConsentsAsync(context.CommunityId, [.. listed.Select(p => p.Id)], ct);
        var now = context.Time.GetUtcNow();
        var named = listed.Select(p => (person: p, access: PersonDataAccess.Decide(actor, context.CommunityId, p, consents, DataCategory.Demographics, Purpose.CareCoordination, now)))
            .Where(p => p.access.Allowed).ToList();

        return await context.ChangeAsync(async audit =>
        {
            await new PersonGate(context, people).DiscloseListedAsync(audit, actor, named, consents, "referrals", ct);
            audit.Record(actor, "referrals.list", $"{box.ToString().ToLowerInvariant()}: {rows.Count}", organization);
            var names = named.ToDictionary(n => n.person.Id.Value, n => n.person.DisplayName);
            return (IReadOnlyList<ReferralListing>)[.. rows.Select(r => new ReferralListing(r, names.GetValueOrDefault(r.PersonId), Name(organizations, r.FromOrganization)!, Name(organizations, r.ToOrganization))
            {
                Deadline = sla.Next(r),
            })];
        }, ct);
    }

    /// <summary>
    /// The referrals the caller's organizations sent or received that match the filter (a FHIR
    /// partner's search or poll), whole, most recently sent first.
    /// </summary>
    public async Task<IReadOnlyList<Referral>> SearchAsync(ReferralFilter filter, int limit, CancellationToken ct = default)
    {
        var actor = await context.AuthorizeAsync(Permission.ReferralRead, ct: ct);
        var sides = actor.Kind == ActorKind.Operator ? null : AccessPolicy.OrganizationsAllowed(actor, Permission.ReferralRead, context.CommunityId).ToList();
        var rows = await referrals.ListAsync(context.CommunityId, filter with { Sides = sides }, limit, ct);
        var found = (await referrals.LoadAsync(context.CommunityId, [.. rows.Select(r => r.Id)], ct)).OrderByDescending(r => r.SentAt).ThenBy(r => r.Id.Value, StringComparer.Ordinal).ToList();
        await context.RecordAsync(actor, "referrals.search", $"{found.Count} referrals", ct: ct);
        return found;
    }

    /// <summary>One referral with its history; null when there is no such referral.</summary>
    public async Task<ReferralView?> FindAsync(ReferralId id, CancellationToken ct = default)
    {
        if (await ReadAsync(id, ct) is not var (referral, party)) return null;
        return View(referral, party, await OrganizationNamesAsync([referral.Details.From.Value, referral.Details.To?.Value], ct)) with
        {
            Person = await PersonAsync(referral, ct),
            Links = party.HasFlag(ReferralParty.Requester) ? await referrals.LinksAsync(context.CommunityId, id, ct) : [],
            Staff = await StaffNames.LoadAsync(context.Db, referral.History.Select(e => e.Stamp.By), ct),
            Deadline = (await referrals.SlaAsync(context.CommunityId, ct)).Next(referral.Details.Kind, referral.Status, referral.SentAt, referral.FirstContactAt),
        };
    }

    // Read for the organization that works the referral: who to contact and how, as the person's consents allow, and logged for them.
    private async Task<ReferredPerson?> PersonAsync(Referral referral, CancellationToken ct)
    {
        var actor = await context.Caller.ActorAsync(ct);
        var gate = new PersonGate(context, people);
        if (await gate.LoadAsync(referral.Details.Person, ct) is not { } file) return null;
        var access = gate.Decide(actor, file, [DataCategory.Demographics, DataCategory.Contact], Purpose.CareCoordination);
        var (demographics, contact) = (access[DataCategory.Demographics].Allowed, access[DataCategory.Contact].Allowed);
        if (!demographics && !contact) return null;
        await context.ChangeAsync(async audit =>
        {
            await gate.DiscloseAsync(audit, actor, file, "referral", access, Purpose.CareCoordination, ct);
            return true;
        }, ct);
        var p = file.Person;
        return new ReferredPerson(demographics ? p.DisplayName : null, demographics ? p.Language : null,
            contact ? p.Phone : null, contact ? p.Email : null, contact ? p.PreferredChannel : null);
    }

    /// <summary>One referral alone, for a partner's FHIR read: no names or deadline to look up; null when there is none.</summary>
    public async Task<Referral?> GetAsync(ReferralId id, CancellationToken ct = default) => (await ReadAsync(id, ct))?.Referral;

    private async Task<(Referral Referral, ReferralParty Party)?> ReadAsync(ReferralId id, CancellationToken ct)
    {
        var actor = await context.AuthorizeAsync(Permission.ReferralRead, target: SendReferral.Target(id), ct: ct);
        if (await referrals.FindAsync(context.CommunityId, id, ct) is not { } referral) return null;
        var (party, organization) = await ReferralSides.RequireAsync(context, actor, referral, Permission.ReferralRead, ct);
        await context.RecordAsync(actor, "referrals.read", referral.Status.Code(), organization, SendReferral.Target(id), ct);
        return (referral, party);
    }

    /// <summary>
    /// A person's referrals the reader may see: all of them for the staff holding the person's
    /// record, otherwise those the reader's organization sent or received.
    /// </summary>
    public async Task<IReadOnlyList<ReferralView>> ForPersonAsync(PersonId person, CancellationToken ct = default)
    {
        var actor = await context.AuthorizeAsync(Permission.ReferralRead, target: PersonGate.Target(person), ct: ct);
        if (await new PersonGate(context, people).LoadAsync(person, ct) is not { } file) return [];
        var custodian = actor.Kind == ActorKind.Operator || PersonDataAccess.IsCustodian(actor, file.Person);
        var rows = new List<ReferralRow>();
        foreach (var id in file.Ids) rows.AddRange(await referrals.ListAsync(context.CommunityId, new ReferralFilter { Person = id.Value }, ct: ct));
        var organizations = await OrganizationNamesAsync(rows.SelectMany(r => new[] { r.FromOrganization, r.ToOrganization }), ct);
        var visible = (await referrals.LoadAsync(context.CommunityId, [.. rows.Select(r => r.Id)], ct))
            .Select(r => (referral: r, side: ReferralSides.Of(context, actor, r, Permission.ReferralRead)))
            .Where(r => custodian || r.side is not null)
            .OrderByDescending(r => r.referral.SentAt)
            .Select(r => View(r.referral, r.side?.Party, organizations)).ToList();
        await context.RecordAsync(actor, "referrals.read", $"{visible.Count} of the person's referrals", target: PersonGate.Target(file.Person.Id), ct: ct);
        return visible;
    }

    private static ReferralView View(Referral referral, ReferralParty? party, IReadOnlyDictionary<string, string?> names) =>
        new(referral, party, Name(names, referral.Details.From.Value)!, Name(names, referral.Details.To?.Value) ?? referral.Details.ExternalOrganization);

    private async Task<IReadOnlyDictionary<string, string?>> OrganizationNamesAsync(IEnumerable<string?> ids, CancellationToken ct) =>
        await new HsdsReader(context.Db).OrganizationNamesAsync(context.CommunityId.Value, [.. ids.OfType<string>().Distinct()], ct);

    // An organization missing from the directory is named by its id rather than not at all.
    private static string? Name(IReadOnlyDictionary<string, string?> names, string? id) => id is null ? null : names.GetValueOrDefault(id) ?? id;
}
