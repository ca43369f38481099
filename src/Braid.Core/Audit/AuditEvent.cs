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
/// One event of the audit trail as stored: the entry, its place in the chain, when it happened,
/// and the SHA-256 hash that links it to the event before it.
/// </summary>
public sealed record AuditEvent(long Seq, DateTimeOffset At, AuditEntry Entry, string PreviousHash, string Hash);

/// <summary>
/// The hash chain over audit events. Each event's hash covers its own fields and the previous
/// event's hash, so changing, removing or reordering any stored event breaks every link after it.
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

    /// <summary>The event that follows, its text made storable: fields often echo what a caller sent.</summary>
    public static AuditEvent Next(long seq, DateTimeOffset at, AuditEntry entry, string previousHash)
    {
        var stored = new AuditEntry(Storable(entry.CommunityId)!, Storable(entry.Actor)!, Storable(entry.Action)!, Storable(entry.Outcome)!,
            Storable(entry.OrganizationId), Storable(entry.Target), Storable(entry.ClientAddress), Storable(entry.Purpose));
        return new(seq, at, stored, previousHash, HashOf(seq, at, stored, previousHash));
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
    /// Checks events read in sequence order against each other and against the chain head
    /// (the last sequence number and hash, kept apart so that cutting off the end is noticed too).
    /// </summary>
    public static AuditVerification Verify(IEnumerable<AuditEvent> events, long headSeq, string headHash)
    {
        var expectedSeq = 1L;
        var previous = Genesis;
        var count = 0;
        foreach (var e in events)
        {
            count++;
            if (e.Seq != expectedSeq)
            {
                return AuditVerification.Broken(count - 1, e.Seq > expectedSeq ? expectedSeq : e.Seq,
                    e.Seq > expectedSeq ? $"event {expectedSeq} is missing (the next stored event is {e.Seq})" : $"event {e.Seq} is out of order");
            }

            if (e.PreviousHash != previous)
            {
                return AuditVerification.Broken(count - 1, e.Seq, $"event {e.Seq} does not link to event {e.Seq - 1} (its previous hash differs)");
            }

            if (HashOf(e.Seq, e.At, e.Entry, e.PreviousHash) != e.Hash)
            {
                return AuditVerification.Broken(count - 1, e.Seq, $"event {e.Seq} was changed after it was written (its content no longer matches its hash)");
            }

            previous = e.Hash;
            expectedSeq++;
        }

        if (expectedSeq - 1 != headSeq || previous != (headSeq == 0 ? Genesis : headHash))
        {
            return AuditVerification.Broken(count, expectedSeq, expectedSeq - 1 < headSeq
                ? $"events {expectedSeq} to {headSeq} are missing from the end of the trail"
                : $"the trail does not end where its head says (event {headSeq})");
        }

        return new AuditVerification(true, count, null, null);
    }
}

/// <summary>The outcome of verifying the chain: how many events checked out, and where it first breaks.</summary>
public sealed record AuditVerification(bool Intact, int Verified, long? BrokenAt, string? Problem)
{
    public static AuditVerification Broken(int verified, long at, string problem) => new(false, verified, at, problem);
}
