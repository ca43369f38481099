using Braid.Application.Access;
using Braid.Core.People;
using Braid.Core.Referrals;
using Braid.Core.Screening;
using Braid.Data.Directory;
using Braid.Data.People;
using Braid.Data.Referrals;

namespace Braid.Application.People;

/// <summary>
/// Everything Braid holds about a person, as the person sees it on their portal: their needs in
/// their order, goals, screenings, consents, their referrals with each one's status, and who read
/// their record (the disclosure log).
/// </summary>
public sealed record OwnRecord(
    Person Person, IReadOnlyList<Need> Needs, IReadOnlyList<Goal> Goals, IReadOnlyList<Screening> Screenings, IReadOnlyList<PersonConsent> Consents,
    IReadOnlyList<Referral> Referrals, IReadOnlyList<Disclosure> Disclosures)
{
    /// <summary>The names of the organizations the record mentions.</summary>
    public IReadOnlyDictionary<string, string?> Organizations { get; init; } = new Dictionary<string, string?>();

    /// <summary>The name of an organization the record mentions, by its id when the directory has none; null for the person themself (their own registration or request).</summary>
    public string? NameOf(string organization) => organization == PersonPortal.SelfRegistered.Value ? null : Organizations.GetValueOrDefault(organization) ?? organization;

    /// <summary>The readers in the disclosure log, in words.</summary>
    public StaffNames Readers { get; init; } = StaffNames.None;

    /// <summary>The referrals the person gave feedback on.</summary>
    public IReadOnlySet<ReferralId> FeedbackGiven { get; init; } = new HashSet<ReferralId>();

    /// <summary>Whether the person is asked what they thought of this referral: it closed and they have not said.</summary>
    public bool AsksFeedback(Referral referral) => ReferralFeedback.IsAskedAfter(referral) && !FeedbackGiven.Contains(referral.Id);
}

/// <summary>A person signed in to their portal reads their own record; the read is audited (it is not a disclosure: it goes to no one else).</summary>
public sealed class ReadOwnRecord(UseCaseContext context, PeopleStore people, ReferralStore referrals)
{
    /// <param name="channel">portal (the page), print (the printable page) or export (the download of their data).</param>
    /// <param name="ct">Cancels the read.</param>
    public async Task<OwnRecord?> RunAsync(string channel = "portal", CancellationToken ct = default)
    {
        var actor = await context.AuthorizeAsync(Permission.OwnRecord, ct: ct);
        var gate = new PersonGate(context, people);
        if (await gate.LoadAsync(actor.PersonId!.Value, ct) is not { } file) return null;
        return await context.ChangeAsync(async audit =>
        {
            var ids = file.Ids;
            var rows = new List<ReferralRow>();
            foreach (var id in ids) rows.AddRange(await referrals.ListAsync(context.CommunityId, new ReferralFilter { Person = id.Value }, ct: ct));
            var sent = await referrals.LoadAsync(context.CommunityId, [.. rows.Select(r => r.Id)], ct);
            var disclosures = await people.DisclosuresAsync(context.CommunityId, ids, ct);
            var mentioned = disclosures.Select(d => d.Organization?.Value)
                .Concat(file.Consents.Select(c => c.Grantee.Kind == GranteeKind.Organization ? c.Grantee.Value : null))
                .Concat(sent.SelectMany(r => new[] { r.Details.From.Value, r.Details.To?.Value }))
                .Append(file.Person.RegisteredBy.Value).OfType<string>().Distinct().ToList();
            var record = new OwnRecord(file.Person, await people.NeedsAsync(context.CommunityId, ids, ct), await people.GoalsAsync(context.CommunityId, ids, ct),
                await people.ScreeningsAsync(context.CommunityId, ids, ct), file.Consents, [.. sent.OrderByDescending(r => r.SentAt)], disclosures)
            {
                Organizations = await new HsdsReader(context.Db).OrganizationNamesAsync(context.CommunityId.Value, mentioned, ct),
                Readers = await StaffNames.LoadAsync(context.Db, disclosures.Select(d => d.Actor), ct),
                FeedbackGiven = (await referrals.FeedbackAsync(context.CommunityId, [.. sent.Select(r => r.Id.Value)], ct)).Values.Select(f => f.Referral).ToHashSet(),
            };
            audit.Record(actor, "people.self.read", channel, target: PersonGate.Target(file.Person.Id));
            return record;
        }, ct);
    }
}
