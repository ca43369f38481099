using Braid.Core;

namespace Braid.Data.Outbox;

/// <summary>A message a committed change causes: to whom, through which channel, and what, until it is sent (or given up).</summary>
public sealed class OutboxMessageRow
{
    public string CommunityId { get; set; } = "";

    /// <summary>The dedupe key: the same message is never queued twice, and sending it again has no second effect.</summary>
    public string Id { get; set; } = "";

    /// <summary>email, sms or rest-hook.</summary>
    public string Channel { get; set; } = "";
    public string Recipient { get; set; } = "";
    public string? Language { get; set; }

    /// <summary>What to send: a message to word (JSON) or the FHIR notification Bundle itself; emptied once sent or given up.</summary>
    public string Payload { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset DueAt { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public DateTimeOffset? FailedAt { get; set; }
    public string? LastError { get; set; }

    /// <summary>A message to send as soon as the dispatcher looks.</summary>
    public static OutboxMessageRow Due(string community, string id, string channel, string recipient, string? language, string payload, DateTimeOffset now) => new()
    {
        CommunityId = community, Id = id, Channel = channel, Recipient = recipient, Language = language, Payload = payload, CreatedAt = now, DueAt = now,
    };
}

/// <summary>An API client's FHIR subscription to its organization's referral Tasks.</summary>
public sealed class SubscriptionRow
{
    public string CommunityId { get; set; } = "";
    public string Id { get; set; } = "";
    public string OrganizationId { get; set; } = "";
    public string CreatedBy { get; set; } = "";
    public string Topic { get; set; } = "";

    /// <summary>The subscriber's filter (Task?owner=… or Task?requester=…), within what its organization may see anyway.</summary>
    public string? Filter { get; set; }
    public string Endpoint { get; set; } = "";

    /// <summary>active or off.</summary>
    public string Status { get; set; } = "";
    public int EventCount { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>
/// The outbox and the subscriptions that feed it. Messages are queued inside the caller's
/// transaction (with the change they announce) and sent later by the dispatcher.
/// </summary>
public sealed class OutboxStore(BraidDbContext db)
{
    public const int MaxAttempts = 8;

    /// <summary>Queues messages in the current transaction; one already queued under the same id is left as it is.</summary>
    public async Task QueueAsync(IReadOnlyList<OutboxMessageRow> messages, CancellationToken ct = default)
    {
        if (messages.Count == 0) return;
        var ids = messages.Select(m => m.Id).ToList();
        var community = messages[0].CommunityId;
        var queued = await db.Outbox.Where(m => m.CommunityId == community && ids.Contains(m.Id)).Select(m => m.Id).ToListAsync(ct);
        db.Outbox.AddRange(messages.Where(m => !queued.Contains(m.Id)));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Messages due now, oldest first, of every community.</summary>
    public async Task<List<OutboxMessageRow>> DueAsync(DateTimeOffset now, int limit, CancellationToken ct = default) =>
        await db.Outbox.Where(m => m.SentAt == null && m.FailedAt == null && m.DueAt <= now).OrderBy(m => m.DueAt).ThenBy(m => m.Id).Take(limit).ToListAsync(ct);

    /// <summary>
    /// Marks the message sent and drops what it said: it may carry a sign-in code or a link's token
    /// (stored elsewhere only as hashes) and a person's details, none needed once it is delivered.
    /// Who it went to, how and when are kept.
    /// </summary>
    public async Task MarkSentAsync(OutboxMessageRow message, DateTimeOffset now, CancellationToken ct = default)
    {
        message.SentAt = now;
        message.Attempts++;
        message.Payload = "";
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Tries again later (waiting twice as long each time), until <see cref="MaxAttempts"/>; then it is given up, with the error kept and what it said dropped.</summary>
    public async Task MarkFailedAsync(OutboxMessageRow message, string error, DateTimeOffset now, CancellationToken ct = default)
    {
        message.Attempts++;
        message.LastError = error.Length > 1000 ? error[..1000] : error;
        if (message.Attempts >= MaxAttempts) (message.FailedAt, message.Payload) = (now, "");
        else message.DueAt = now.AddSeconds(5 * Math.Pow(2, message.Attempts - 1));
        await db.SaveChangesAsync(ct);
    }

    public async Task AddSubscriptionAsync(SubscriptionRow subscription, CancellationToken ct = default)
    {
        db.Subscriptions.Add(subscription);
        await db.SaveChangesAsync(ct);
    }

    public async Task<SubscriptionRow?> SubscriptionAsync(CommunityId community, string id, CancellationToken ct = default) =>
        await db.Subscriptions.AsNoTracking().FirstOrDefaultAsync(s => s.CommunityId == community.Value && s.Id == id, ct);

    public async Task<bool> RemoveSubscriptionAsync(CommunityId community, string id, CancellationToken ct = default) =>
        await db.Subscriptions.Where(s => s.CommunityId == community.Value && s.Id == id).ExecuteDeleteAsync(ct) > 0;

    /// <summary>The active subscriptions of these organizations.</summary>
    public async Task<List<SubscriptionRow>> ActiveSubscriptionsAsync(CommunityId community, IReadOnlyCollection<string> organizations, CancellationToken ct = default) =>
        await db.Subscriptions.AsNoTracking().Where(s => s.CommunityId == community.Value && organizations.Contains(s.OrganizationId) && s.Status == "active").OrderBy(s => s.Id).ToListAsync(ct);

    /// <summary>The next notification's number for a subscription; the row stays locked by the caller's transaction until it commits, so numbers are never shared.</summary>
    public async Task<int> NextEventNumberAsync(CommunityId community, string subscription, CancellationToken ct = default)
    {
        await db.Subscriptions.Where(s => s.CommunityId == community.Value && s.Id == subscription).ExecuteUpdateAsync(s => s.SetProperty(x => x.EventCount, x => x.EventCount + 1), ct);
        return await db.Subscriptions.Where(s => s.CommunityId == community.Value && s.Id == subscription).Select(s => s.EventCount).SingleAsync(ct);
    }
}
