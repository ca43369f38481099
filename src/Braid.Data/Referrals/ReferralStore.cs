using System.Text.Json;
using System.Text.Json.Serialization;
using Braid.Core;
using Braid.Core.Access;
using Braid.Core.People;
using Braid.Core.Referrals;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Braid.Data.Referrals;

/// <summary>Thrown when a referral changed since it was read: the change was not saved, and the caller reads it again.</summary>
public sealed class ConcurrentChangeException(string message) : Exception(message);

/// <summary>What an inbox or a list of referrals asks for; any part may be missing.</summary>
public sealed record ReferralFilter
{
    public OrganizationId? To { get; init; }
    public OrganizationId? From { get; init; }
    public string? Person { get; init; }
    public IReadOnlyCollection<ReferralStatus>? Statuses { get; init; }
    public string? Assignee { get; init; }

    /// <summary>Referrals any of these organizations sent or received.</summary>
    public IReadOnlyCollection<OrganizationId>? Sides { get; init; }

    /// <summary>Changed after this moment (a partner polling by <c>_lastUpdated</c>).</summary>
    public DateTimeOffset? UpdatedAfter { get; init; }
}

/// <summary>
/// Stores referrals as their appended events and their current state, in one save. It decides
/// nothing about who may see or change a referral: the application layer does.
/// </summary>
public sealed class ReferralStore(BraidDbContext db)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower), new SetConverter<DataCategory>() },
    };

    private static readonly Dictionary<string, Type> EventTypes = new()
    {
        ["sent"] = typeof(ReferralSent), ["status-changed"] = typeof(ReferralStatusChanged), ["received"] = typeof(ReferralReceived),
        ["assigned"] = typeof(ReferralAssigned), ["contact-attempted"] = typeof(ReferralContactAttempted), ["completed"] = typeof(ReferralCompleted),
    };

    private static readonly string[] ClosedCodes = [.. Enum.GetValues<ReferralStatus>().Where(s => s.IsClosed()).Select(s => s.Code())];

    /// <summary>A referral just sent, with the sender's idempotency key when it gave one.</summary>
    public async Task AddAsync(CommunityId community, Referral referral, string? idempotencyKey = null, CancellationToken ct = default)
    {
        var row = new ReferralRow { CommunityId = community.Value, Id = referral.Id.Value, IdempotencyKey = idempotencyKey, SentBy = referral.History[0].Stamp.By };
        Fill(row, referral);
        db.Referrals.Add(row);
        await AppendAsync(community, referral, ct);
    }

    /// <summary>Referrals with their whole histories, added to what the caller saves next (a demo community's past).</summary>
    public void AddHistory(CommunityId community, IEnumerable<Referral> referrals)
    {
        foreach (var referral in referrals)
        {
            var row = new ReferralRow { CommunityId = community.Value, Id = referral.Id.Value, SentBy = referral.History[0].Stamp.By };
            Fill(row, referral);
            db.Referrals.Add(row);
            db.ReferralEvents.AddRange(referral.History.Select(e => RowOf(community, referral.Id, e)));
        }
    }

    /// <summary>Appends the referral's new events and moves its current state, unless another change got there first (<see cref="ConcurrentChangeException"/>).</summary>
    public async Task SaveAsync(CommunityId community, Referral referral, CancellationToken ct = default)
    {
        if (referral.NewEvents.Count == 0) return;
        // The row is updated where it still has the version the referral was read at, in the same round trip as the events' insert:
        // a change that got there first leaves no row to update, and nothing is saved.
        var tracked = db.Referrals.Local.FirstOrDefault(r => r.CommunityId == community.Value && r.Id == referral.Id.Value);
        var row = tracked ?? new ReferralRow { CommunityId = community.Value, Id = referral.Id.Value };
        Fill(row, referral);
        var entry = tracked is null ? db.Referrals.Attach(row) : db.Entry(row);
        if (tracked is null)
        {
            entry.State = EntityState.Modified;
            entry.Property(r => r.SentBy).IsModified = false;
            entry.Property(r => r.IdempotencyKey).IsModified = false;
        }

        entry.Property(r => r.Version).OriginalValue = referral.Version - referral.NewEvents.Count;
        await AppendAsync(community, referral, ct);
    }

    private async Task AppendAsync(CommunityId community, Referral referral, CancellationToken ct)
    {
        db.ReferralEvents.AddRange(referral.NewEvents.Select(e => RowOf(community, referral.Id, e)));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e is DbUpdateConcurrencyException || IsUniqueViolation(e))
        {
            throw new ConcurrentChangeException(
                $"Referral {referral.Id} was changed since it was read (at version {referral.Version - referral.NewEvents.Count}); nothing was saved. Read it again and retry.");
        }
    }

    /// <summary>Whether a write failed on a primary key or unique index: someone else wrote the same row first.</summary>
    internal static bool IsUniqueViolation(DbUpdateException e) => e.InnerException switch
    {
        PostgresException pg => pg.SqlState == PostgresErrorCodes.UniqueViolation,
        SqliteException lite => lite.SqliteErrorCode == 19 && lite.SqliteExtendedErrorCode is 1555 or 2067,
        _ => false,
    };

    /// <summary>Whether an organization works referrals on Braid: it has staff who may, or an API client with referral.write.</summary>
    public async Task<bool> ReceivesReferralsAsync(CommunityId community, OrganizationId organization, CancellationToken ct = default) =>
        await db.Memberships.AnyAsync(m => m.CommunityId == community.Value && m.OrganizationId == organization.Value && (m.Role == Roles.CboStaff || m.Role == Roles.OrgAdmin), ct)
        || await db.ApiClients.AnyAsync(c => c.CommunityId == community.Value && c.OrganizationId == organization.Value && c.RevokedAt == null && c.Scopes.Contains(Scopes.ReferralWrite), ct);

    /// <summary>A link issued for a referral, saved with what the caller saves next (the change that calls for it).</summary>
    public void AddLink(ReferralLinkRow link) => db.ReferralLinks.Add(link);

    /// <summary>The links issued for a referral, oldest first.</summary>
    public async Task<List<ReferralLinkRow>> LinksAsync(CommunityId community, ReferralId referral, CancellationToken ct = default) =>
        (await db.ReferralLinks.AsNoTracking().Where(l => l.CommunityId == community.Value && l.ReferralId == referral.Value).ToListAsync(ct)).OrderBy(l => l.CreatedAt).ToList();

    /// <summary>Ends, from now, the unused links of a referral issued for a purpose (a new one replaces them).</summary>
    public async Task RevokeLinksAsync(CommunityId community, ReferralId referral, string purpose, DateTimeOffset now, CancellationToken ct = default) =>
        await db.ReferralLinks.Where(l => l.CommunityId == community.Value && l.ReferralId == referral.Value && l.Purpose == purpose && l.UsedAt == null && l.ExpiresAt > now)
            .ExecuteUpdateAsync(set => set.SetProperty(l => l.ExpiresAt, now), ct);

    /// <summary>The link whose token has this hash.</summary>
    public async Task<ReferralLinkRow?> FindLinkAsync(CommunityId community, string tokenHash, CancellationToken ct = default) =>
        await db.ReferralLinks.AsNoTracking().FirstOrDefaultAsync(l => l.CommunityId == community.Value && l.TokenHash == tokenHash, ct);

    /// <summary>Marks the link used in the caller's transaction; false when an answer through it got there first.</summary>
    public async Task<bool> UseLinkAsync(CommunityId community, string tokenHash, DateTimeOffset now, CancellationToken ct = default) =>
        await db.ReferralLinks.Where(l => l.CommunityId == community.Value && l.TokenHash == tokenHash && l.UsedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(l => l.UsedAt, now), ct) == 1;

    /// <summary>The community's service levels for referrals.</summary>
    public async Task<ReferralSla> SlaAsync(CommunityId community, CancellationToken ct = default) =>
        await db.Communities.AsNoTracking().Where(c => c.Id == community.Value)
            .Select(c => new ReferralSla(TimeSpan.FromHours(c.ReferralAnswerHours), TimeSpan.FromHours(c.ReferralFirstContactHours), TimeSpan.FromDays(c.ReferralCloseDays)))
            .FirstOrDefaultAsync(ct) ?? ReferralSla.Default;

    public async Task<Referral?> FindAsync(CommunityId community, ReferralId id, CancellationToken ct = default) =>
        (await LoadAsync(community, [id.Value], ct)).SingleOrDefault();

    /// <summary>The referral a sender already made with this idempotency key, if any.</summary>
    public async Task<Referral?> FindByIdempotencyKeyAsync(CommunityId community, OrganizationId from, string key, CancellationToken ct = default) =>
        await db.Referrals.AsNoTracking().Where(r => r.CommunityId == community.Value && r.FromOrganization == from.Value && r.IdempotencyKey == key).Select(r => r.Id).FirstOrDefaultAsync(ct) is { } id
            ? await FindAsync(community, new ReferralId(id), ct)
            : null;

    /// <summary>
    /// The person's referrals for this need to this service that are still open (the duplicate
    /// guard): the same listing, or a service of the same name at the same organization.
    /// </summary>
    public async Task<List<ReferralRow>> OpenForAsync(CommunityId community, string person, string need, string? serviceAtLocation, string serviceName, string? to,
        CancellationToken ct = default) =>
        await db.Referrals.AsNoTracking()
            .Where(r => r.CommunityId == community.Value && r.PersonId == person && r.NeedId == need && !ClosedCodes.Contains(r.Status)
                && (serviceAtLocation != null ? r.ServiceAtLocationId == serviceAtLocation : r.ServiceName == serviceName && r.ToOrganization == to))
            .ToListAsync(ct);

    /// <summary>Referrals' current state, most recently sent first.</summary>
    public async Task<List<ReferralRow>> ListAsync(CommunityId community, ReferralFilter filter, int limit = 500, CancellationToken ct = default)
    {
        var rows = db.Referrals.AsNoTracking().Where(r => r.CommunityId == community.Value);
        var draft = ReferralStatus.Draft.Code();
        // A draft is its sender's alone: it is in no one's inbox until requested.
        if (filter.To is { } to) rows = rows.Where(r => r.ToOrganization == to.Value && r.Status != draft);
        if (filter.Sides is { } sides)
        {
            var ids = sides.Select(o => o.Value).ToList();
            rows = rows.Where(r => ids.Contains(r.FromOrganization) || (r.ToOrganization != null && ids.Contains(r.ToOrganization) && r.Status != draft));
        }

        if (filter.UpdatedAfter is { } after) rows = rows.Where(r => r.UpdatedAt > after);
        if (filter.From is { } from) rows = rows.Where(r => r.FromOrganization == from.Value);
        if (filter.Person is { } person) rows = rows.Where(r => r.PersonId == person);
        if (filter.Assignee is { } assignee) rows = rows.Where(r => r.Assignee == assignee);
        if (filter.Statuses is { Count: > 0 } statuses)
        {
            var codes = statuses.Select(s => s.Code()).ToList();
            rows = rows.Where(r => codes.Contains(r.Status));
        }

        return await rows.OrderByDescending(r => r.SentAt).ThenBy(r => r.Id).Take(limit).ToListAsync(ct);
    }

    /// <summary>Every referral of the community with the facts about its person the equity engine groups by (an analyst's outcome table).</summary>
    public async Task<List<ReferralOutcome>> OutcomesAsync(CommunityId community, CancellationToken ct = default)
    {
        string[] answers = [ReferralStatus.Accepted.Code(), ReferralStatus.Rejected.Code()];
        var rows = await db.Referrals.AsNoTracking().Where(r => r.CommunityId == community.Value)
            .Join(db.People.Where(p => p.CommunityId == community.Value), r => r.PersonId, p => p.Id, (r, p) => new
            {
                r.Id, p.RaceEthnicity, p.Language, p.Tract, p.BirthDate, r.NeedCategory, r.Status, r.Reason, r.NeedMet, r.SentAt, r.FirstContactAt,
            })
            .ToListAsync(ct);
        var answered = (await db.ReferralEvents.AsNoTracking()
                .Where(e => e.CommunityId == community.Value && e.Type == "status-changed" && answers.Contains(e.Status!)).Select(e => new { e.ReferralId, e.At }).ToListAsync(ct))
            .GroupBy(e => e.ReferralId).ToDictionary(g => g.Key, g => g.Min(e => e.At));
        var feedback = (await db.ReferralFeedback.AsNoTracking().Where(f => f.CommunityId == community.Value).ToListAsync(ct)).ToDictionary(f => f.ReferralId, FeedbackOf);
        return [.. rows.Select(r => new ReferralOutcome
        {
            Feedback = feedback.GetValueOrDefault(r.Id),
            Referral = r.Id, RaceEthnicity = r.RaceEthnicity, Language = r.Language, Tract = r.Tract, BirthDate = r.BirthDate, Need = r.NeedCategory,
            Status = ReferralWorkflow.FromCode(r.Status) ?? throw new InvalidOperationException($"Referral {r.Id} has the unknown status '{r.Status}'."),
            Reason = ReferralReasons.FromCode(r.Reason), NeedMet = ReferralReasons.NeedMetFromCode(r.NeedMet),
            SentAt = r.SentAt, AnsweredAt = answered.TryGetValue(r.Id, out var at) ? at : null, FirstContactAt = r.FirstContactAt,
        })];
    }

    /// <summary>Adds a person's feedback in the caller's transaction; false when feedback on the referral was given already.</summary>
    public async Task<bool> AddFeedbackAsync(CommunityId community, Referral referral, ReferralFeedback feedback, string channel, DateTimeOffset at, CancellationToken ct = default)
    {
        if (await db.ReferralFeedback.AnyAsync(f => f.CommunityId == community.Value && f.ReferralId == referral.Id.Value, ct)) return false;
        static string? Code(NeedMet? answer) => answer?.Code();
        static string? YesNo(bool? answer) => answer switch { true => "yes", false => "no", null => null };
        db.ReferralFeedback.Add(new ReferralFeedbackRow
        {
            CommunityId = community.Value, ReferralId = referral.Id.Value, PersonId = referral.Details.Person.Value, ToOrganization = referral.Details.To?.Value,
            Helpful = Code(feedback.Helpful), Respectful = YesNo(feedback.Respectful), InLanguage = YesNo(feedback.InLanguage), NeedMet = Code(feedback.NeedMet),
            Text = string.IsNullOrWhiteSpace(feedback.Text) ? null : feedback.Text.Trim(), Channel = channel, GivenAt = at,
        });
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>The feedback given on these referrals, by referral.</summary>
    public async Task<Dictionary<string, ReferralFeedback>> FeedbackAsync(CommunityId community, IReadOnlyCollection<string> referrals, CancellationToken ct = default) =>
        (await db.ReferralFeedback.AsNoTracking().Where(f => f.CommunityId == community.Value && referrals.Contains(f.ReferralId)).ToListAsync(ct)).ToDictionary(f => f.ReferralId, FeedbackOf);

    /// <summary>The answers given about the referrals an organization received, without who gave them or what they wrote.</summary>
    public async Task<List<ReferralFeedback>> FeedbackReceivedAsync(CommunityId community, OrganizationId organization, CancellationToken ct = default) =>
        [.. (await db.ReferralFeedback.AsNoTracking().Where(f => f.CommunityId == community.Value && f.ToOrganization == organization.Value).ToListAsync(ct))
            .Select(f => FeedbackOf(f) with { Referral = default, Text = null })];

    private static ReferralFeedback FeedbackOf(ReferralFeedbackRow f)
    {
        static bool? YesNo(string? code) => code switch { "yes" => true, "no" => false, _ => null };
        return new ReferralFeedback
        {
            Referral = new ReferralId(f.ReferralId), Helpful = ReferralReasons.NeedMetFromCode(f.Helpful), Respectful = YesNo(f.Respectful), InLanguage = YesNo(f.InLanguage), NeedMet = ReferralReasons.NeedMetFromCode(f.NeedMet), Text = f.Text,
        };
    }

    /// <summary>Whole referrals (their histories folded), for a timeline.</summary>
    public async Task<List<Referral>> LoadAsync(CommunityId community, IReadOnlyCollection<string> ids, CancellationToken ct = default)
    {
        var events = await db.ReferralEvents.AsNoTracking().Where(e => e.CommunityId == community.Value && ids.Contains(e.ReferralId)).ToListAsync(ct);
        return [.. events.GroupBy(e => e.ReferralId).Select(g => Referral.FromHistory(new ReferralId(g.Key), g.OrderBy(e => e.Version).Select(ToEvent)))];
    }

    private static void Fill(ReferralRow row, Referral referral)
    {
        var d = referral.Details;
        row.PersonId = d.Person.Value;
        row.NeedId = d.Need;
        row.NeedCategory = d.NeedCategory;
        row.Kind = d.Kind.ToString().ToLowerInvariant();
        row.FromOrganization = d.From.Value;
        row.ToOrganization = d.To?.Value;
        row.ServiceAtLocationId = d.Service?.Value;
        row.ServiceName = d.ServiceName;
        row.Status = referral.Status.Code();
        row.Reason = referral.Reason?.Code();
        row.WaitlistPosition = referral.WaitlistPosition;
        row.Assignee = referral.Assignee;
        row.NeedMet = referral.NeedMet?.Code();
        row.Version = referral.Version;
        row.SentAt = referral.SentAt;
        row.UpdatedAt = referral.UpdatedAt;
        row.FirstContactAt = referral.FirstContactAt;
        row.ClosedAt = referral.ClosedAt;
    }

    private static ReferralEventRow RowOf(CommunityId community, ReferralId id, ReferralEvent e) => new()
    {
        CommunityId = community.Value, ReferralId = id.Value, Version = e.Version, Type = EventTypes.Single(t => t.Value == e.GetType()).Key,
        At = e.Stamp.At, Actor = e.Stamp.By, OrganizationId = e.Stamp.Organization?.Value, Channel = e.Stamp.Channel,
        Status = e switch { ReferralSent s => s.Status.Code(), ReferralStatusChanged c => c.Status.Code(), ReferralCompleted => ReferralStatus.Completed.Code(), _ => null },
        Data = JsonSerializer.Serialize(e, e.GetType(), Json),
    };

    private static ReferralEvent ToEvent(ReferralEventRow row) =>
        (ReferralEvent)(JsonSerializer.Deserialize(row.Data, EventTypes[row.Type], Json) ?? throw new InvalidOperationException($"Referral {row.ReferralId} event {row.Version} is empty."));

    // System.Text.Json cannot make an IReadOnlySet; the shared categories are written in order, so an event's JSON is stable.
    private sealed class SetConverter<T> : JsonConverter<IReadOnlySet<T>>
    {
        public override IReadOnlySet<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            JsonSerializer.Deserialize<SortedSet<T>>(ref reader, options) ?? [];

        public override void Write(Utf8JsonWriter writer, IReadOnlySet<T> value, JsonSerializerOptions options) =>
            JsonSerializer.Serialize(writer, value.Order(), options);
    }
}
