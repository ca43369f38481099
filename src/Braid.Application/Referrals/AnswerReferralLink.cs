using Braid.Core.People;
using Braid.Core.Referrals;
using Braid.Data.Directory;
using Braid.Data.People;
using Braid.Data.Referrals;

namespace Braid.Application.Referrals;

/// <summary>Whether a link can still be answered: open, past its time, used already, or moot because the referral moved on another way.</summary>
public enum LinkState { Open, Expired, Used, Settled }

/// <summary>The person as an external organization may see them through its link: only the categories the referral shares and the person still consents to.</summary>
public sealed record SharedPerson(string? Name, DateOnly? BirthDate, string? Language, string? Phone, string? Email)
{
    public IReadOnlyList<DataCategory> Categories { get; init; } = [];
}

/// <summary>A referral as the holder of a link sees it: what the link is for and whether it can still be answered.</summary>
public sealed record LinkView(ReferralLinkPurpose Purpose, LinkState State, Referral Referral, string FromName, DateTimeOffset ExpiresAt)
{
    /// <summary>Shown to an external organization while its link is open; never in a person's own follow-up.</summary>
    public SharedPerson? Person { get; init; }
}

/// <summary>
/// Lets the holder of an emailed link answer a referral without an account (<see cref="ReferralLinkRules"/>):
/// an external organization accepts or declines it and later closes it; a person says how an
/// informational referral went. A link is good once and until it expires; every opening and
/// answer is audited in the holder's name (the organization's address, or the person).
/// </summary>
public sealed class AnswerReferralLink(UseCaseContext context, ReferralStore referrals, PeopleStore people, ReferralNotices notices)
{
    private const int MaxToken = 100;

    /// <summary>The referral behind the link; null when no link has this token.</summary>
    public async Task<LinkView?> OpenAsync(string token, CancellationToken ct = default)
    {
        if (await FindAsync(token, ct) is not var (link, referral, purpose)) return null;
        var state = StateOf(link, referral, purpose);
        var person = state == LinkState.Open && !ToPerson(purpose) ? await SharedAsync(referral, ct) : null;
        await context.RecordAsync(Holder(link, referral, purpose), "referrals.link.read",
            $"{ReferralLinkRules.Code(purpose)} link, {state.ToString().ToLowerInvariant()}" + (person is null ? "" : ", sharing " + string.Join(',', person.Categories.Select(PeopleStore.Name).Order(StringComparer.Ordinal))),
            target: SendReferral.Target(referral.Id), ct: ct);
        return await ViewAsync(link, referral, purpose, state, ct) with { Person = person };
    }

    /// <summary>Records the holder's answer and uses the link up; null when no link has this token. A link that cannot be answered any more is refused with why.</summary>
    public async Task<LinkView?> AnswerAsync(string token, LinkAnswer answer, CancellationToken ct = default)
    {
        if (await FindAsync(token, ct) is not var (link, referral, purpose)) return null;
        var state = StateOf(link, referral, purpose);
        if (state != LinkState.Open) throw new DomainRuleException(Refusal(state, link, referral));

        var holder = Holder(link, referral, purpose);
        var now = context.Time.GetUtcNow();
        ReferralLinkRules.Apply(referral, purpose, answer, new Stamp(holder.Id, null, now, "email-link"));
        await context.ChangeAsync(async audit =>
        {
            // Two answers at once: the first to mark the link used wins, the other's transaction changes nothing.
            if (!await referrals.UseLinkAsync(context.CommunityId, link.TokenHash, now, ct)) throw new DomainRuleException(Refusal(LinkState.Used, link, referral));
            await referrals.SaveAsync(context.CommunityId, referral, ct);
            await notices.QueueAsync(referral, ct);
            await WorkReferral.MarkNeedMetAsync(context, people, referral, ct);
            audit.Record(holder, "referrals." + referral.Status.Code(), $"through its {ReferralLinkRules.Code(purpose)} link" + (referral.Reason is { } why ? ": " + why.Code() : ""),
                target: SendReferral.Target(referral.Id));
            return true;
        }, ct);
        return await ViewAsync(link, referral, purpose, LinkState.Used, ct);
    }

    /// <summary>Records the person's feedback through their feedback link and uses the link up; null when no link has this token. Invalid answers come back keyed by field.</summary>
    public async Task<(LinkView? View, IReadOnlyDictionary<string, InputError> Errors)> GiveFeedbackAsync(string token, ReferralFeedback feedback, CancellationToken ct = default)
    {
        if (await FindAsync(token, ct) is not var (link, referral, purpose) || purpose != ReferralLinkPurpose.Feedback) return (null, new Dictionary<string, InputError>());
        var state = StateOf(link, referral, purpose);
        if (state != LinkState.Open) throw new DomainRuleException(Refusal(state, link, referral));
        var errors = await GiveFeedback.SaveAsync(context, referrals, Holder(link, referral, purpose), referral, feedback with { Referral = referral.Id }, "link", async () =>
        {
            if (!await referrals.UseLinkAsync(context.CommunityId, link.TokenHash, context.Time.GetUtcNow(), ct)) throw new DomainRuleException(Refusal(LinkState.Used, link, referral));
        }, ct);
        return errors.Count > 0 ? (null, errors) : (await ViewAsync(link, referral, purpose, LinkState.Used, ct), errors);
    }

    private async Task<(ReferralLinkRow Link, Referral Referral, ReferralLinkPurpose Purpose)?> FindAsync(string token, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(token) || token.Length > MaxToken || !token.StartsWith(Secrets.LinkPrefix, StringComparison.Ordinal)) return null;
        if (await referrals.FindLinkAsync(context.CommunityId, Secrets.Hash(token), ct) is not { } link || ReferralLinkRules.FromCode(link.Purpose) is not { } purpose) return null;
        return await referrals.FindAsync(context.CommunityId, new ReferralId(link.ReferralId), ct) is { } referral ? (link, referral, purpose) : null;
    }

    private LinkState StateOf(ReferralLinkRow link, Referral referral, ReferralLinkPurpose purpose) =>
        link.UsedAt is not null ? LinkState.Used
        : context.Time.GetUtcNow() >= link.ExpiresAt ? LinkState.Expired
        : ReferralLinkRules.Awaits(purpose, referral) ? LinkState.Open : LinkState.Settled;

    private static string Refusal(LinkState state, ReferralLinkRow link, Referral referral) => state switch
    {
        LinkState.Used => $"This link was used on {link.UsedAt:u}; each link answers once.",
        LinkState.Expired => $"This link expired on {link.ExpiresAt:u}.",
        _ => $"This link has nothing left to answer: the referral is {referral.Status.Code()}.",
    };

    // The holder is named in the audit and the referral's history: the person themself, or the external organization's address.
    private Actor Holder(ReferralLinkRow link, Referral referral, ReferralLinkPurpose purpose) =>
        new(ToPerson(purpose) ? "person:" + referral.Details.Person : "link:" + link.Recipient, ActorKind.Anonymous, context.CommunityId, [], []);

    private static bool ToPerson(ReferralLinkPurpose purpose) => purpose is ReferralLinkPurpose.FollowUp or ReferralLinkPurpose.Feedback;

    // What the referral shares and the person still consents to share with an organization outside Braid: a consent revoked since sending hides what it covered.
    private async Task<SharedPerson?> SharedAsync(Referral referral, CancellationToken ct)
    {
        if ((await people.ManyAsync(context.CommunityId, [referral.Details.Person], ct)).FirstOrDefault() is not { } person) return null;
        var consents = await people.ConsentsAsync(context.CommunityId, [person.Id], ct);
        var allowed = ReferralConsent.Decide(context.CommunityId, person, consents, null, referral.Details.Shared, context.Time.GetUtcNow());
        bool Has(DataCategory c) => allowed.TryGetValue(c, out var access) && access.Allowed;
        return new SharedPerson(Has(DataCategory.Demographics) ? person.DisplayName : null, Has(DataCategory.Demographics) ? person.BirthDate : null,
            Has(DataCategory.Demographics) ? person.Language : null, Has(DataCategory.Contact) ? person.Phone : null, Has(DataCategory.Contact) ? person.Email : null)
        {
            Categories = [.. referral.Details.Shared.Where(Has)],
        };
    }

    private async Task<LinkView> ViewAsync(ReferralLinkRow link, Referral referral, ReferralLinkPurpose purpose, LinkState state, CancellationToken ct)
    {
        var from = referral.Details.From.Value;
        var names = await new HsdsReader(context.Db).OrganizationNamesAsync(context.CommunityId.Value, [from], ct);
        return new LinkView(purpose, state, referral, names.GetValueOrDefault(from) ?? from, link.ExpiresAt);
    }
}
