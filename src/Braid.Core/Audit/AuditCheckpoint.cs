using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Braid.Core.Audit;

/// <summary>
/// The head of every lane of the audit trail at a moment, signed (ECDSA P-256 over SHA-256, a DER
/// signature, so <c>openssl dgst -verify</c> checks it too) with a key
/// that is not in the database and kept outside it. Whoever can write the database can recompute
/// the whole chain, but not re-sign a checkpoint: a rewritten event that a checkpoint covered no
/// longer leads to the head it signed.
/// </summary>
public sealed record AuditCheckpoint(DateTimeOffset At, IReadOnlyList<AuditLane> Lanes, string Signature)
{
    /// <summary>The exact bytes signed: a version line, the time, then "lane events hash" per lane in lane order.</summary>
    public static byte[] Payload(DateTimeOffset at, IReadOnlyList<AuditLane> lanes) => Encoding.UTF8.GetBytes(
        "braid-audit-checkpoint/1\n" + AuditChain.FormatTime(at) + "\n"
        + string.Concat(lanes.OrderBy(l => l.Lane).Select(l => string.Create(CultureInfo.InvariantCulture, $"{l.Lane} {l.Events} {l.Hash}\n"))));

    public static AuditCheckpoint Sign(DateTimeOffset at, IReadOnlyList<AuditLane> lanes, ECDsa key) =>
        new(at, [.. lanes.OrderBy(l => l.Lane)], Convert.ToBase64String(key.SignData(Payload(at, lanes), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence)));

    public bool IsSignedBy(ECDsa key)
    {
        try
        {
            return key.VerifyData(Payload(At, Lanes), Convert.FromBase64String(Signature), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>
    /// Checks the stored trail against signed checkpoints: each must carry the key's signature, and
    /// each lane must still hold, at the position a checkpoint saw as its head, the event with that hash.
    /// Null when all hold; otherwise the first problem, by checkpoint time.
    /// </summary>
    public static string? Check(IEnumerable<AuditEvent> events, IReadOnlyList<AuditCheckpoint> checkpoints, ECDsa key)
    {
        var stored = new Dictionary<(int Lane, long Position), string>();
        foreach (var e in events) stored[(e.Lane, e.Position)] = e.Hash;
        foreach (var (checkpoint, n) in checkpoints.Select((c, i) => (c, i + 1)))
        {
            var when = AuditChain.FormatTime(checkpoint.At);
            if (!checkpoint.IsSignedBy(key)) return $"checkpoint {n} ({when}) is not signed by the audit key: it was altered, or the key is not the one that signed it";
            foreach (var lane in checkpoint.Lanes.Where(l => l.Events > 0))
            {
                if (!stored.TryGetValue((lane.Lane, lane.Events), out var hash))
                    return $"lane {lane.Lane} no longer holds event {lane.Events}, its head when checkpoint {n} ({when}) was signed: events were removed";
                if (hash != lane.Hash)
                    return $"lane {lane.Lane} was rewritten: its event {lane.Events} is not the one checkpoint {n} ({when}) signed";
            }
        }

        return null;
    }
}
