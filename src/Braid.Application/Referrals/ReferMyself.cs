using Braid.Application.People;
using Braid.Core.Directory;
using Braid.Core.Directory.Eligibility;
using Braid.Core.People;
using Braid.Core.Referrals;
using Braid.Data.Listings;
using Braid.Data.People;
using Braid.Data.Referrals;

namespace Braid.Application.Referrals;

/// <summary>One of the person's needs and the services they may send themself to for it.</summary>
public sealed record SelfReferralChoice(Need Need, IReadOnlyList<SelfReferralOption> Services)
{
    /// <summary>Whether the person is likely eligible for each service (by its id), from what their record says, and the service's rules.</summary>
    public IReadOnlyDictionary<string, (EligibilityJudgement Judged, EligibilityRules Rules)> Eligibility { get; init; } = new Dictionary<string, (EligibilityJudgement, EligibilityRules)>();
}

/// <summary>
/// A person refers themself, from their portal, for a need they took up, to a service that accepts
/// self-referrals from an organization that works referrals on Braid. Sending it consents to share
/// with that organization what the referral carries (<see cref="SendReferral"/>).
/// </summary>
public sealed class ReferMyself(UseCaseContext context, PeopleStore people, ListingStore listings, ReferralStore referrals, SendReferral send, ReferralNotices notices)
{
    /// <summary>Null when the person has no such need; no services when the need is not one they took up.</summary>
    public async Task<SelfReferralChoice?> OptionsAsync(string needId, CancellationToken ct = default)
    {
        var actor = await context.AuthorizeAsync(Permission.OwnRecord, ct: ct);
        if (actor.PersonId is not { } me || await new PersonGate(context, people).LoadAsync(me, ct) is not { } file) return null;
        if ((await people.NeedsAsync(context.CommunityId, file.Ids, ct)).FirstOrDefault(n => n.Id == needId) is not { } need) return null;
        await context.RecordAsync(actor, "referrals.self.options", need.Category, target: PersonGate.Target(me), ct: ct);
        if (!need.MayBeReferred) return new SelfReferralChoice(need, []);

        var services = await listings.SelfReferralServicesAsync(context.CommunityId.Value, NeedDomains.TermId(need.Category), ct);
        var receiving = new HashSet<OrganizationId>();
        foreach (var organization in services.Select(s => s.Organization).Distinct())
        {
            if (await referrals.ReceivesReferralsAsync(context.CommunityId, organization, ct)) receiving.Add(organization);
        }

        var offered = services.Where(s => receiving.Contains(s.Organization)).ToList();
        var now = await context.LocalNowAsync(ct);
        var facts = PersonFacts.Of(file.Person, DateOnly.FromDateTime(now.DateTime));
        return new SelfReferralChoice(need, offered)
        {
            Eligibility = offered.ToDictionary(s => s.Id.Value, s => (EligibilityJudge.Judge(s.Rules, facts, now.Year), s.Rules)),
        };
    }

    /// <summary>Sends the referral in the person's name; null when the person or the need is not found.</summary>
    public async Task<SendResult?> RunAsync(string needId, ServiceAtLocationId service, string language, CancellationToken ct = default)
    {
        var actor = await context.AuthorizeAsync(Permission.OwnRecord, ct: ct);
        return await send.RunAsync(new ReferralRequest
        {
            Person = actor.PersonId!.Value, Need = needId, From = PersonPortal.SelfRegistered, Service = service, Channel = "portal", Language = language,
        }, ct);
    }

    /// <summary>Whether the person may withdraw a referral themself: one they sent from their portal, still open.</summary>
    public static bool MayCancel(Referral referral) =>
        referral.Details.From == PersonPortal.SelfRegistered && !referral.Status.IsClosed() && referral.Status != ReferralStatus.Draft;

    /// <summary>
    /// The person withdraws a request they sent themself (the requester's "cancelled", the person's
    /// own decision); the organization is told as for any cancellation. Null when the person has no
    /// such referral or it is not one they may withdraw.
    /// </summary>
    public async Task<Referral?> CancelAsync(ReferralId id, CancellationToken ct = default)
    {
        var actor = await context.AuthorizeAsync(Permission.OwnRecord, ct: ct);
        if (actor.PersonId is not { } me || await new PersonGate(context, people).LoadAsync(me, ct) is not { } file) return null;
        if (await referrals.FindAsync(context.CommunityId, id, ct) is not { } referral || !file.Ids.Contains(referral.Details.Person) || !MayCancel(referral)) return null;
        referral.Move(ReferralStatus.Cancelled, ReferralParty.Requester, new Stamp(actor.Id, referral.Details.From, context.Time.GetUtcNow(), "portal"), ReferralReason.PersonDeclined);
        await context.ChangeAsync(async audit =>
        {
            await referrals.SaveAsync(context.CommunityId, referral, ct);
            await notices.QueueAsync(referral, ct);
            audit.Record(actor, "referrals.cancelled", "withdrawn by the person", referral.Details.From, SendReferral.Target(id));
            return true;
        }, ct);
        return referral;
    }
}
