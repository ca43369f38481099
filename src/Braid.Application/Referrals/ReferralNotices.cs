using System.Text.Json;
using Braid.Core.People;
using Braid.Core.Referrals;
using Braid.Data.Directory;
using Braid.Data.Outbox;
using Braid.Data.People;
using Braid.Data.Referrals;
using Braid.Interop.Fhir;

namespace Braid.Application.Referrals;

/// <summary>What an outbox message of the email or sms channel says: a message key and its arguments, worded in the reader's language when sent.</summary>
public sealed record OutboxText(string Key, IReadOnlyList<string> Args)
{
    public string ToJson() => JsonSerializer.Serialize(this, JsonSerializerOptions.Web);

    public static OutboxText FromJson(string json) => JsonSerializer.Deserialize<OutboxText>(json, JsonSerializerOptions.Web) ?? throw new FormatException("An outbox text is empty.");
}

/// <summary>
/// Queues, in the transaction of a referral's change, what the change announces: a notice to the
/// person (in their language, by their channel), a notification to each subscription of the
/// organizations on its sides, and the links that let those without an account answer it (see
/// <see cref="ReferralLinkRules"/>). Each message's id is its dedupe key.
/// </summary>
public sealed class ReferralNotices(UseCaseContext context, OutboxStore outbox, PeopleStore people, ReferralStore referrals, PublicSite site)
{
    public async Task QueueAsync(Referral referral, CancellationToken ct)
    {
        // A draft is a ServiceRequest without its Task yet: nothing has happened anyone is told of.
        if (referral.Status == ReferralStatus.Draft) return;
        var now = context.Time.GetUtcNow();
        var messages = new List<OutboxMessageRow>();
        var link = LinkCalledFor(referral);
        // The person's record is read only when the change is news for them or asks them something.
        var person = PersonNotice.Announces(referral) || link is ReferralLinkPurpose.FollowUp or ReferralLinkPurpose.Feedback
            ? (await people.ManyAsync(context.CommunityId, [referral.Details.Person], ct)).FirstOrDefault()
            : null;
        if (person is not null && PersonNotice.For(referral, person) is { } notice)
        {
            var text = notice.Channel == NoticeChannel.Email
                ? new OutboxText("referral-" + notice.Status.Code(), [notice.ServiceName ?? ""])
                : new OutboxText("referral-update", []);
            messages.Add(Message($"referral:{referral.Id}:{referral.Version}:person", notice.Channel == NoticeChannel.Email ? "email" : "sms", notice.To, notice.Language, text.ToJson(), now));
        }

        if (link is { } purpose && await LinkAsync(referral, purpose, person, now, ct) is { } linkMessage) messages.Add(linkMessage);

        string[] sides = referral.Details.To is { } to ? [referral.Details.From.Value, to.Value] : [referral.Details.From.Value];
        foreach (var subscription in await outbox.ActiveSubscriptionsAsync(context.CommunityId, sides, ct))
        {
            if (!Matches(subscription, referral)) continue;
            var number = await outbox.NextEventNumberAsync(context.CommunityId, subscription.Id, ct);
            var bundle = SubscriptionMapping.Notification(subscription.Id, number, referral.UpdatedAt, referral.Id.Value);
            messages.Add(Message($"subscription:{subscription.Id}:{number}", "rest-hook", subscription.Endpoint, null, FhirJson.Serialize(bundle), now));
        }

        await outbox.QueueAsync(messages, ct);
    }

    /// <summary>
    /// Sends the link the referral waits for again, due now, when the first went astray or
    /// expired: the links issued before for the same purpose stop working. False when the
    /// referral waits for no link (or the person cannot be reached).
    /// </summary>
    public async Task<bool> ResendLinkAsync(Referral referral, CancellationToken ct)
    {
        if (ReferralLinkRules.Awaited(referral) is not { } purpose) return false;
        var now = context.Time.GetUtcNow();
        var person = purpose == ReferralLinkPurpose.FollowUp ? (await people.ManyAsync(context.CommunityId, [referral.Details.Person], ct)).FirstOrDefault() : null;
        if (await LinkAsync(referral, purpose, person, now, ct, resent: true) is not { } message) return false;
        await referrals.RevokeLinksAsync(context.CommunityId, referral.Id, ReferralLinkRules.Code(purpose), now, ct);
        await outbox.QueueAsync([message], ct);
        return true;
    }

    // An external referral just requested is answered through a link, and once accepted through it, closed through another;
    // an informational one just requested asks the person, later, how it went; any one that closes asks the person what they thought of it.
    private static ReferralLinkPurpose? LinkCalledFor(Referral referral)
    {
        var became = referral.NewEvents.Select(e => e switch { ReferralSent sent => sent.Status, ReferralStatusChanged changed => changed.Status, ReferralCompleted => ReferralStatus.Completed, _ => (ReferralStatus?)null })
            .LastOrDefault(s => s is not null);
        return (referral.Details.Kind, became) switch
        {
            (ReferralKind.External, ReferralStatus.Requested) => ReferralLinkPurpose.Answer,
            (ReferralKind.External, ReferralStatus.Accepted) when referral.Status == ReferralStatus.Accepted => ReferralLinkPurpose.Close,
            (ReferralKind.Informational, ReferralStatus.Requested) => ReferralLinkPurpose.FollowUp,
            (_, ReferralStatus.Completed or ReferralStatus.Failed or ReferralStatus.Rejected) => ReferralLinkPurpose.Feedback,
            _ => null,
        };
    }

    /// <summary>
    /// Issues a link (only its token's hash is stored) and the message that carries it: to the
    /// external organization's address, or to the person by their channel once the service should
    /// have been in touch (none when Braid cannot reach the person).
    /// </summary>
    private async Task<OutboxMessageRow?> LinkAsync(Referral referral, ReferralLinkPurpose purpose, Person? person, DateTimeOffset now, CancellationToken ct, bool resent = false)
    {
        var reach = person is null ? null : PersonNotice.Reach(person);
        var toPerson = purpose is ReferralLinkPurpose.FollowUp or ReferralLinkPurpose.Feedback;
        if (toPerson && reach is null) return null;

        var sla = await referrals.SlaAsync(context.CommunityId, ct);
        var due = purpose == ReferralLinkPurpose.FollowUp && !resent ? ReferralLinkRules.FollowUpAt(sla, referral.SentAt) : now;
        var expires = ReferralLinkRules.ExpiresAt(purpose, sla, due, referral.SentAt);
        var token = Secrets.NewLinkToken();
        var url = site.Link("/r/" + token);
        var id = $"referral:{referral.Id}:{referral.Version}:link" + (resent ? ":" + now.UtcTicks : "");
        OutboxMessageRow message;
        if (reach is { } to && toPerson)
        {
            // A text carries the link and nothing of the service.
            var key = "referral-" + ReferralLinkRules.Code(purpose);
            var text = to.Channel == NoticeChannel.Email ? new OutboxText(key, [referral.Details.ServiceName, url]) : new OutboxText(key, [url]);
            message = Message(id, to.Channel == NoticeChannel.Email ? "email" : "sms", to.To, to.Language, text.ToJson(), now);
            message.DueAt = due;
        }
        else
        {
            var names = await new HsdsReader(context.Db).OrganizationNamesAsync(context.CommunityId.Value, [referral.Details.From.Value], ct);
            var until = expires.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture);
            var text = new OutboxText("referral-link-" + ReferralLinkRules.Code(purpose), [names.GetValueOrDefault(referral.Details.From.Value) ?? referral.Details.From.Value, referral.Details.ServiceName, url, until]);
            message = Message(id, "email", referral.Details.ExternalEmail!, null, text.ToJson(), now);
        }

        referrals.AddLink(new ReferralLinkRow
        {
            CommunityId = context.CommunityId.Value, TokenHash = Secrets.Hash(token), ReferralId = referral.Id.Value, Purpose = ReferralLinkRules.Code(purpose),
            Recipient = message.Recipient, CreatedAt = now, ExpiresAt = expires,
        });
        return message;
    }

    // Within what its organization sees anyway, a subscriber may narrow to the Tasks it owns or requested.
    private static bool Matches(SubscriptionRow subscription, Referral referral) => subscription.Filter switch
    {
        null => true,
        var f when f.StartsWith("Task?owner=", StringComparison.Ordinal) => f["Task?owner=".Length..] == "Organization/" + referral.Details.To,
        var f when f.StartsWith("Task?requester=", StringComparison.Ordinal) => f["Task?requester=".Length..] == "Organization/" + referral.Details.From,
        _ => false,
    };

    private OutboxMessageRow Message(string id, string channel, string to, string? language, string payload, DateTimeOffset now) =>
        OutboxMessageRow.Due(context.CommunityId.Value, id, channel, to, language, payload, now);
}
