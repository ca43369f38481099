using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Braid.Core.Audit;

/// <summary>What happened, to be appended to the audit trail: who did what to which record, from where and why.</summary>
public sealed record AuditEntry(
    string CommunityId,
    string Actor,
    string Action,
    string Outcome,
    string? OrganizationId = null,
    string? Target = null,
    string? ClientAddress = null,
    string? Purpose = null);

/// <summary>
/// One event of the audit trail as stored: the entry, its number in the whole trail, when it
/// happened, and the SHA-256 hash that links it to the event before it in its lane.
/// </summary>
public sealed record AuditEvent(long Seq, DateTimeOffset At, AuditEntry Entry, string PreviousHash, string Hash)
{
    /// <summary>The chain it belongs to (<see cref="AuditLane"/>).</summary>
    public int Lane { get; init; } = 1;

    /// <summary>Its place in its lane: 1, 2, 3… without gaps.</summary>
    public long Position { get; init; }
}

/// <summary>
/// The head of one lane of the trail, kept apart from its events: how many it holds and its last
/// event's hash, so a lane cut short at its end is noticed. The trail is several chains (lanes) so
/// that writers need not wait for each other to commit; each lane is one unbroken chain.
/// </summary>
public sealed record AuditLane(int Lane, long Events, string Hash);

/// <summary>
/// The hash chains over audit events. Each event's hash covers its own fields and the previous
/// event's hash in its lane, so changing, removing or reordering any stored event breaks every link
/// after it. Event numbers (<see cref="AuditEvent.Seq"/>) grow within a lane but may skip numbers
/// (a transaction that rolled back had taken them); positions within a lane do not.
/// </summary>
public static class AuditChain
{
    /// <summary>The "previous hash" of the first event.</summary>
    public static readonly string Genesis = new('0', 64);

    public static string HashOf(long seq, DateTimeOffset at, AuditEntry e, string previousHash)
    {
        // Unit separators cannot occur in the fields' text (Next escapes control characters), so the canonical form is unambiguous.
        var canonical = string.Join('\u001f',
            seq.ToString(CultureInfo.InvariantCulture), FormatTime(at), e.CommunityId, e.Actor, e.Action, e.Outcome,
            e.OrganizationId ?? "", e.Target ?? "", e.ClientAddress ?? "", e.Purpose ?? "", previousHash);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    /// <summary>The stored form of a time: UTC, to the tick, so it reads back to the same hash.</summary>
    public static string FormatTime(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>The event that follows in a lane, its text made storable: fields often echo what a caller sent.</summary>
    public static AuditEvent Next(long seq, DateTimeOffset at, AuditEntry entry, string previousHash, int lane, long position)
    {
        var stored = new AuditEntry(Storable(entry.CommunityId)!, Storable(entry.Actor)!, Storable(entry.Action)!, Storable(entry.Outcome)!,
            Storable(entry.OrganizationId), Storable(entry.Target), Storable(entry.ClientAddress), Storable(entry.Purpose));
        return new(seq, at, stored, previousHash, HashOf(seq, at, stored, previousHash)) { Lane = lane, Position = position };
    }

    /// <summary>Longest text kept per field; an attacker's 2 MB client id is not worth keeping whole.</summary>
    public const int MaxFieldLength = 1000;

    // Control characters are written as \uXXXX (PostgreSQL text cannot hold NUL, and they would
    // blur the canonical form); overlong text is cut with a mark.
    private static string? Storable(string? text)
    {
        if (text is null) return null;
        var cut = text.Length > MaxFieldLength;
        var span = cut ? text.AsSpan(0, MaxFieldLength) : text.AsSpan();
        if (!cut && !text.Any(char.IsControl)) return text;
        var sb = new StringBuilder(span.Length + 16);
        foreach (var c in span)
        {
            if (char.IsControl(c)) sb.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            else sb.Append(c);
        }

        return cut ? sb.Append("… (cut)").ToString() : sb.ToString();
    }

    /// <summary>
    /// Checks events read lane by lane, each lane in number order, against each other and against
    /// the lanes' heads (kept apart so that cutting off a lane's end is noticed too).
    /// </summary>
    public static AuditVerification Verify(IEnumerable<AuditEvent> events, IReadOnlyList<AuditLane> heads)
    {
        var lanes = heads.ToDictionary(h => h.Lane);
        var done = new HashSet<int>();
        var count = 0;
        AuditLane? lane = null;
        var (position, previous, lastSeq) = (0L, Genesis, 0L);

        // The lane read so far must end where its head says.
        AuditVerification? Ended()
        {
            if (lane is null || (position == lane.Events && previous == (lane.Events == 0 ? Genesis : lane.Hash))) return null;
            return AuditVerification.Broken(count, lastSeq + 1, position < lane.Events
                ? $"events {position + 1} to {lane.Events} of lane {lane.Lane} are missing from its end"
                : $"lane {lane.Lane} does not end where its head says (its event {lane.Events})");
        }

        foreach (var e in events)
        {
            if (e.Lane != lane?.Lane)
            {
                if (Ended() is { } cut) return cut;
                if (!lanes.TryGetValue(e.Lane, out lane) || !done.Add(e.Lane)) return AuditVerification.Broken(count, e.Seq, $"event {e.Seq} is in lane {e.Lane}, which has no head or was read already");
                (position, previous, lastSeq) = (0, Genesis, 0);
            }

            position++;
            if (e.Position != position || e.Seq <= lastSeq)
            {
                return AuditVerification.Broken(count, e.Seq, e.Position > position
                    ? $"event {position} of lane {e.Lane} is missing (the next stored event is {e.Seq}, its {e.Position})"
                    : $"event {e.Seq} is out of order");
            }

            if (e.PreviousHash != previous)
            {
                return AuditVerification.Broken(count, e.Seq, $"event {e.Seq} does not link to the event before it in lane {e.Lane} (its previous hash differs)");
            }

            if (HashOf(e.Seq, e.At, e.Entry, e.PreviousHash) != e.Hash)
            {
                return AuditVerification.Broken(count, e.Seq, $"event {e.Seq} was changed after it was written (its content no longer matches its hash)");
            }

            (previous, lastSeq) = (e.Hash, e.Seq);
            count++;
        }

        if (Ended() is { } end) return end;
        if (heads.FirstOrDefault(h => h.Events > 0 && !done.Contains(h.Lane)) is { } empty)
        {
            return AuditVerification.Broken(count, 0, $"events 1 to {empty.Events} of lane {empty.Lane} are missing");
        }

        return new AuditVerification(true, count, null, null);
    }
}

/// <summary>The outcome of verifying the chain: how many events checked out, and where it first breaks.</summary>
public sealed record AuditVerification(bool Intact, int Verified, long? BrokenAt, string? Problem)
{
    public static AuditVerification Broken(int verified, long at, string problem) => new(false, verified, at, problem);
}
