using Braid.Application.People;
using Braid.Core.Referrals;
using Braid.Data.People;
using Braid.Data.Referrals;

namespace Braid.Application.Referrals;

/// <summary>
/// A person says, once a referral of theirs closed, whether the help was helpful and respectful, in
/// their language, and met their need (<see cref="ReferralFeedback"/>): from their portal, or
/// through the link sent to them when it closed (<see cref="AnswerReferralLink"/>). Once per
/// referral; the answers are outcomes of the equity dashboard.
/// </summary>
public sealed class GiveFeedback(UseCaseContext context, PeopleStore people, ReferralStore referrals)
{
    /// <summary>One of the person's own referrals and whether it asks for feedback now (closed, none given yet); null when it is not theirs.</summary>
    public async Task<(Referral Referral, bool Asks)?> AskAsync(ReferralId id, CancellationToken ct = default)
    {
        if (await OwnAsync(id, ct) is not var (_, referral)) return null;
        return (referral, ReferralFeedback.IsAskedAfter(referral) && (await referrals.FeedbackAsync(context.CommunityId, [id.Value], ct)).Count == 0);
    }

    /// <summary>Records the person's feedback from their portal; null when the referral is not theirs, otherwise the fields that are wrong (none when saved).</summary>
    public async Task<IReadOnlyDictionary<string, InputError>?> GiveAsync(ReferralId id, ReferralFeedback feedback, CancellationToken ct = default)
    {
        if (await OwnAsync(id, ct) is not var (actor, referral)) return null;
        return await SaveAsync(context, referrals, actor, referral, feedback with { Referral = id }, "portal", () => Task.CompletedTask, ct);
    }

    private async Task<(Actor Actor, Referral Referral)?> OwnAsync(ReferralId id, CancellationToken ct)
    {
        var actor = await context.AuthorizeAsync(Permission.OwnRecord, target: SendReferral.Target(id), ct: ct);
        if (await referrals.FindAsync(context.CommunityId, id, ct) is not { } referral) return null;
        var file = await new PersonGate(context, people).LoadAsync(actor.PersonId!.Value, ct);
        return file is not null && file.Ids.Contains(referral.Details.Person) ? (actor, referral) : null;
    }

    /// <summary>Validates and saves feedback with what else the way it came needs done in the same change (using its link up), audited in the giver's name.</summary>
    internal static async Task<IReadOnlyDictionary<string, InputError>> SaveAsync(UseCaseContext context, ReferralStore referrals, Actor giver, Referral referral, ReferralFeedback feedback,
        string channel, Func<Task> alongside, CancellationToken ct)
    {
        if (!ReferralFeedback.IsAskedAfter(referral)) throw new DomainRuleException($"Feedback is asked once the referral closes; it is {referral.Status.Code()}.");
        if (ReferralFeedback.Validate(feedback) is { Count: > 0 } errors) return errors;
        await context.ChangeAsync(async audit =>
        {
            await alongside();
            if (!await referrals.AddFeedbackAsync(context.CommunityId, referral, feedback, channel, context.Time.GetUtcNow(), ct))
                throw new DomainRuleException("Feedback on this referral was given already; it is given once.");
            audit.Record(giver, "referrals.feedback", channel, target: SendReferral.Target(referral.Id));
            return true;
        }, ct);
        return new Dictionary<string, InputError>();
    }
}
