using System.Globalization;
using Braid.Core.Equity;

namespace Braid.Core.Referrals;

/// <summary>One stored referral and what the equity engine groups it by: the person's race and ethnicity, language, home tract and age.</summary>
public sealed record ReferralOutcome
{
    public required string Referral { get; init; }

    /// <summary>The person's selections joined by "|", "declined", or null when never asked.</summary>
    public string? RaceEthnicity { get; init; }
    public string? Language { get; init; }
    public string? Tract { get; init; }
    public DateOnly? BirthDate { get; init; }
    public required string Need { get; init; }
    public required ReferralStatus Status { get; init; }
    public ReferralReason? Reason { get; init; }
    public NeedMet? NeedMet { get; init; }
    public required DateTimeOffset SentAt { get; init; }

    /// <summary>When the receiving organization first accepted or declined it; null when it never did.</summary>
    public DateTimeOffset? AnsweredAt { get; init; }
    public DateTimeOffset? FirstContactAt { get; init; }

    /// <summary>What the person said once it closed; null when they have not.</summary>
    public ReferralFeedback? Feedback { get; init; }
}

/// <summary>
/// The outcome table of a community's referrals, one row per referral sent, for the equity engine.
/// Its measures, each empty where it does not apply (the engine leaves those rows out, and says so):
/// <list type="bullet">
/// <item><c>loop_closed</c>: 1 when the receiving organization closed the loop (completed, failed or
/// declined it); 0 when it let the referral expire or left it open past the community's close deadline;
/// empty while it is open within that deadline or when its sender cancelled it.</item>
/// <item><c>need_met</c>: for a completed referral, 1 when the need was met, 0 when only partly or not.</item>
/// <item><c>declined</c>: for an answered referral, 1 when it was declined; <c>declined_&lt;reason&gt;</c> the same for each reason.</item>
/// <item><c>days_to_first_contact</c>: from sending to the first contact attempt, in days.</item>
/// <item>In the person's own words, once it closed, each empty when they did not say: <c>felt_helped</c> (1 when
/// the help was helpful, 0 when only partly or not), <c>felt_respected</c>, <c>served_in_language</c>, and
/// <c>person_need_met</c> (1 when they say their need was met, 0 when only partly or not).</item>
/// </list>
/// </summary>
public static class ReferralOutcomes
{
    public static readonly IReadOnlyList<string> Groupings = ["race", "language", "tract", "age_band", "need", "year"];

    /// <summary>The reasons a receiving organization declines for, each with its own 0/1 column.</summary>
    public static readonly IReadOnlyList<ReferralReason> DeclineReasons =
        [ReferralReason.NoCapacity, ReferralReason.NotEligible, ReferralReason.OutOfArea, ReferralReason.Duplicate, ReferralReason.PersonDeclined, ReferralReason.Other];

    /// <summary>The columns of the person's own answers, in the order of the questions.</summary>
    public static readonly IReadOnlyList<string> FeedbackMeasures = ["felt_helped", "felt_respected", "served_in_language", "person_need_met"];

    public static string DeclinedFor(ReferralReason reason) => "declined_" + reason.Code().Replace('-', '_');

    public static EquityTable Table(IEnumerable<ReferralOutcome> referrals, ReferralSla sla, DateTimeOffset now)
    {
        string[] header = [.. new[] { "referral" }, .. Groupings, "loop_closed", "need_met", "declined", "days_to_first_contact", .. DeclineReasons.Select(DeclinedFor), .. FeedbackMeasures];
        static string Flag(bool? value) => value switch { true => "1", false => "0", null => "" };
        var rows = referrals.Where(Counts).Select(r =>
        {
            var declined = DeclinedFlag(r);
            string[] row =
            [
                r.Referral, Race(r.RaceEthnicity), r.Language ?? "", r.Tract ?? "", AgeBand(r.BirthDate, r.SentAt), r.Need, r.SentAt.Year.ToString(CultureInfo.InvariantCulture),
                Flag(LoopClosed(r, sla, now)), Flag(NeedMetFlag(r)), Flag(declined),
                DaysToFirstContact(r) is { } days ? days.ToString(CultureInfo.InvariantCulture) : "",
                .. DeclineReasons.Select(reason => Flag(declined is { } d ? d && r.Reason == reason : null)),
                Flag(r.Feedback?.Helpful is { } helped ? helped == Referrals.NeedMet.Yes : null), Flag(r.Feedback?.Respectful), Flag(r.Feedback?.InLanguage),
                Flag(r.Feedback?.NeedMet is { } met ? met == Referrals.NeedMet.Yes : null),
            ];
            return (IReadOnlyList<string>)row;
        });
        return EquityTable.FromRows(header, rows);
    }

    /// <summary>Whether a referral counts at all: a draft was never sent, and one entered in error never happened.</summary>
    public static bool Counts(ReferralOutcome r) => r.Status is not (ReferralStatus.Draft or ReferralStatus.EnteredInError);

    /// <summary>For a completed referral, whether the need was met in full; null for any other.</summary>
    public static bool? NeedMetFlag(ReferralOutcome r) => r.Status == ReferralStatus.Completed ? r.NeedMet == Referrals.NeedMet.Yes : null;

    /// <summary>For an answered referral, whether it was declined; null while unanswered.</summary>
    public static bool? DeclinedFlag(ReferralOutcome r) => r.AnsweredAt is not null ? r.Status == ReferralStatus.Rejected : null;

    /// <summary>Days from sending to the first contact attempt, to two decimals; null before any.</summary>
    public static double? DaysToFirstContact(ReferralOutcome r) => r.FirstContactAt is { } contact ? Math.Round((contact - r.SentAt).TotalDays, 2) : null;

    /// <summary>Whether the receiving organization closed the loop (<c>loop_closed</c> above); null while that cannot be known yet.</summary>
    public static bool? LoopClosed(ReferralOutcome r, ReferralSla sla, DateTimeOffset now) => r.Status switch
    {
        ReferralStatus.Completed or ReferralStatus.Failed or ReferralStatus.Rejected => true,
        ReferralStatus.Cancelled => r.Reason == ReferralReason.Expired ? false : null,
        _ => now > r.SentAt + sla.Close ? false : null,
    };

    // The engine reads the standard's categories separated by ';' or '|'; a refusal is its own answer, never asked is unknown.
    public static string Race(string? stored) => stored switch
    {
        null => "",
        "declined" => "Declined",
        _ => stored,
    };

    /// <summary>The person's age band when the referral was sent.</summary>
    public static string AgeBand(DateOnly? born, DateTimeOffset at)
    {
        if (born is not { } b) return "";
        var on = DateOnly.FromDateTime(at.UtcDateTime);
        var age = on.Year - b.Year - (on < b.AddYears(on.Year - b.Year) ? 1 : 0);
        return age switch { < 18 => "0-17", < 35 => "18-34", < 50 => "35-49", < 65 => "50-64", _ => "65+" };
    }
}
