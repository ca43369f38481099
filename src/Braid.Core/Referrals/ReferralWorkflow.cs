using static Braid.Core.Referrals.ReferralStatus;

namespace Braid.Core.Referrals;

/// <summary>Where a referral stands: the Gravity referral Task's status, one to one (<see cref="ReferralWorkflow.Code"/>).</summary>
public enum ReferralStatus { Draft, Requested, Accepted, Rejected, Cancelled, InProgress, OnHold, Completed, Failed, EnteredInError }

/// <summary>The two sides of a referral: the organization that sent it and the one it was sent to.</summary>
[Flags]
public enum ReferralParty { Requester = 1, Target = 2 }

/// <summary>
/// The Gravity SDOH Clinical Care IG's state machine for a referral Task (SDOHCC Task For Referral
/// Management): which status may follow which, which side may set each, where a status reason is
/// expected, and the FHIR codes.
/// </summary>
public static class ReferralWorkflow
{
    /// <summary>A status older Gravity partners set on delivery (received → accepted | rejected). Braid accepts it as an acknowledgement and never sends it.</summary>
    public const string LegacyReceived = "received";

    private static readonly Dictionary<ReferralStatus, ReferralStatus[]> Next = new()
    {
        [Draft] = [Requested],
        [Requested] = [Accepted, Rejected, Cancelled],
        [Accepted] = [InProgress, OnHold, Completed, Failed, Cancelled],
        [InProgress] = [OnHold, Completed, Failed, Cancelled],
        [OnHold] = [InProgress, Completed, Failed, Cancelled],
    };

    private static readonly Dictionary<ReferralStatus, string> Codes = new()
    {
        [Draft] = "draft", [Requested] = "requested", [Accepted] = "accepted", [Rejected] = "rejected", [Cancelled] = "cancelled",
        [InProgress] = "in-progress", [OnHold] = "on-hold", [Completed] = "completed", [Failed] = "failed", [EnteredInError] = "entered-in-error",
    };

    /// <summary>The statuses a referral may be created in.</summary>
    public static IReadOnlyList<ReferralStatus> Initial { get; } = [Draft, Requested];

    /// <summary>The FHIR Task.status code.</summary>
    public static string Code(this ReferralStatus status) => Codes[status];

    /// <summary>The status of a FHIR Task.status code, or null for a code the referral workflow does not use (ready, received…).</summary>
    public static ReferralStatus? FromCode(string? code) => Codes.FirstOrDefault(c => c.Value == code) is { Value: not null } hit ? hit.Key : null;

    /// <summary>No status follows these but entered-in-error.</summary>
    public static bool IsClosed(this ReferralStatus status) => status is Rejected or Cancelled or Completed or Failed or EnteredInError;

    /// <summary>The side that may set a referral to this status.</summary>
    public static ReferralParty SetBy(ReferralStatus status) => status switch
    {
        Draft or Requested or EnteredInError => ReferralParty.Requester,
        Cancelled => ReferralParty.Requester | ReferralParty.Target,
        _ => ReferralParty.Target,
    };

    /// <summary>The IG expects Task.statusReason to say why a referral was rejected, cancelled, put on hold or failed.</summary>
    public static bool ExpectsReason(ReferralStatus status) => status is Rejected or Cancelled or OnHold or Failed;

    /// <summary>Whether the state machine has the transition; entered-in-error may follow any status.</summary>
    public static bool Allows(ReferralStatus from, ReferralStatus to) =>
        to == EnteredInError ? from != EnteredInError : Next.TryGetValue(from, out var next) && next.Contains(to);

    /// <summary>The statuses that may follow this one.</summary>
    public static IReadOnlyList<ReferralStatus> After(ReferralStatus status) =>
        [.. (Next.TryGetValue(status, out var next) ? next : []).Append(EnteredInError).Where(to => Allows(status, to))];

    /// <summary>Null when <paramref name="party"/> may move a referral from one status to the other; otherwise the rule it breaks, in words.</summary>
    public static string? Refusal(ReferralStatus from, ReferralStatus to, ReferralParty party)
    {
        if (!Allows(from, to))
        {
            var after = After(from);
            return from == to ? $"The referral is already {from.Code()}."
                : $"A {from.Code()} referral cannot become {to.Code()}: " + (from.IsClosed() ? "it is closed." : $"it can become {Words(after)}.");
        }

        return (SetBy(to) & party) == 0
            ? $"Only the {(SetBy(to) == ReferralParty.Requester ? "organization that sent the referral" : "organization the referral was sent to")} may set it to {to.Code()}."
            : null;
    }

    private static string Words(IReadOnlyList<ReferralStatus> statuses) =>
        statuses.Count == 1 ? statuses[0].Code() : string.Join(", ", statuses.SkipLast(1).Select(Code)) + " or " + statuses[^1].Code();
}
