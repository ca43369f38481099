namespace Braid.Core.Referrals;

/// <summary>Why a referral was declined, put on hold, failed or cancelled: Braid's coded Task.statusReason. <see cref="Expired"/> only Braid sets, when nobody answered in time.</summary>
public enum ReferralReason { NotEligible, NoCapacity, Waitlisted, UnableToContact, PersonDeclined, Duplicate, OutOfArea, GotHelpElsewhere, Other, Expired }

/// <summary>Whether the service met the need, as the organization that gave it judges.</summary>
public enum NeedMet { Yes, Partly, No }

/// <summary>
/// The service given: a SNOMED CT code when known, its words, and the Procedure a partner's
/// completed Task points to (Task.output) when it was recorded elsewhere. Words or a Procedure at least.
/// </summary>
public sealed record ServiceDelivered(string? Code, string? Display, string? Procedure = null)
{
    /// <summary>How the service is named to people: its words, else the Procedure it points to.</summary>
    public string Name => Display ?? Procedure ?? "";
}

public static class ReferralReasons
{
    private static readonly Dictionary<ReferralReason, (string Code, string Display)> Terms = new()
    {
        [ReferralReason.NotEligible] = ("not-eligible", "Not eligible"),
        [ReferralReason.NoCapacity] = ("no-capacity", "No capacity"),
        [ReferralReason.Waitlisted] = ("waitlisted", "Waitlisted"),
        [ReferralReason.UnableToContact] = ("unable-to-contact", "Unable to contact"),
        [ReferralReason.PersonDeclined] = ("person-declined", "The person declined"),
        [ReferralReason.Duplicate] = ("duplicate", "Duplicate referral"),
        [ReferralReason.OutOfArea] = ("out-of-area", "Out of the service area"),
        [ReferralReason.GotHelpElsewhere] = ("got-help-elsewhere", "Got help elsewhere"),
        [ReferralReason.Other] = ("other", "Other"),
        [ReferralReason.Expired] = ("expired", "Not answered before it expired"),
    };

    public static string Code(this ReferralReason reason) => Terms[reason].Code;

    /// <summary>The English display of the code in FHIR; pages word it in the reader's language.</summary>
    public static string Display(this ReferralReason reason) => Terms[reason].Display;

    public static ReferralReason? FromCode(string? code) => Terms.FirstOrDefault(t => t.Value.Code == code) is { Value.Code: not null } hit ? hit.Key : null;

    /// <summary>The reasons people give; <see cref="ReferralReason.Expired"/> is Braid's alone.</summary>
    public static IReadOnlyList<ReferralReason> All { get; } = [.. Enum.GetValues<ReferralReason>().Where(r => r != ReferralReason.Expired)];

    public static string Code(this NeedMet met) => met.ToString().ToLowerInvariant();

    /// <summary>The answer a code (<see cref="Code(NeedMet)"/>, any case) stands for; null for anything else.</summary>
    public static NeedMet? NeedMetFromCode(string? code) => Enum.GetValues<NeedMet>().Cast<NeedMet?>().FirstOrDefault(m => string.Equals(m!.Value.Code(), code, StringComparison.OrdinalIgnoreCase));
}
