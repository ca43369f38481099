using System.Text.Json;
using Braid.Core.People;
using Braid.Core.Referrals;
using Braid.Data.Outbox;
using Braid.Data.People;
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
/// person (in their language, by their channel) and a notification to each subscription of the
/// organizations on its sides. Each message's id is its dedupe key.
/// </summary>
public sealed class ReferralNotices(UseCaseContext context, OutboxStore outbox, PeopleStore people)
{
    public async Task QueueAsync(Referral referral, CancellationToken ct)
    {
        // A draft is a ServiceRequest without its Task yet: nothing has happened anyone is told of.
        if (referral.Status == ReferralStatus.Draft) return;
        var now = context.Time.GetUtcNow();
        var messages = new List<OutboxMessageRow>();
        var person = (await people.ManyAsync(context.CommunityId, [referral.Details.Person], ct)).FirstOrDefault();
        if (person is not null && PersonNotice.For(referral, person) is { } notice)
        {
            var text = notice.Channel == NoticeChannel.Email
                ? new OutboxText("referral-" + notice.Status.Code(), [notice.ServiceName ?? ""])
                : new OutboxText("referral-update", []);
            messages.Add(Message($"referral:{referral.Id}:{referral.Version}:person", notice.Channel == NoticeChannel.Email ? "email" : "sms", notice.To, notice.Language, text.ToJson(), now));
        }

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
