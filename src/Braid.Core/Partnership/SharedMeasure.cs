using Braid.Core.Directory;
using Braid.Core.Referrals;

namespace Braid.Core.Partnership;

/// <summary>What a shared measure counts, over Braid's own referrals and screenings.</summary>
public enum MeasureKind { LoopClosed, NeedMet, DaysToFirstContact, Declined, PeopleScreened }

/// <summary>
/// A measure the partnership agreed to watch together: a saved definition (what it counts, for
/// which need), a target, the member organization that owns it and the person who stewards it.
/// </summary>
public sealed record SharedMeasure
{
    public const int MaxName = 120, MaxSteward = 200, MaxAbout = 2000;

    public required string Id { get; init; }
    public required string Name { get; init; }
    public required MeasureKind Kind { get; init; }

    /// <summary>The need (Gravity SDOH category) it is limited to; null for every need.</summary>
    public string? Need { get; init; }

    /// <summary>The target in the measure's own unit: a share from 0 to 1, days, or people a quarter.</summary>
    public required double Target { get; init; }
    public required OrganizationId Owner { get; init; }
    public required string Steward { get; init; }
    public string? About { get; init; }

    /// <summary>Each field that is wrong; empty when the measure may be stored.</summary>
    public Dictionary<string, InputError> Validate()
    {
        var errors = new Dictionary<string, InputError>();
        if (string.IsNullOrWhiteSpace(Name)) errors["name"] = new InputError("field-required");
        else if (Name.Length > MaxName || Name.Any(char.IsControl)) errors["name"] = new InputError("too-long", MaxName, Name.Length);
        if (string.IsNullOrWhiteSpace(Steward)) errors["steward"] = new InputError("field-required");
        else if (Steward.Length > MaxSteward || Steward.Any(char.IsControl)) errors["steward"] = new InputError("too-long", MaxSteward, Steward.Length);
        if (About is { Length: > MaxAbout } about) errors["about"] = new InputError("too-long", MaxAbout, about.Length);
        if (!Enum.IsDefined(Kind)) errors["kind"] = new InputError("choice-unknown", Kind.ToString());
        if (Need is { } need && NeedDomains.Find(need) is null) errors["need"] = new InputError("choice-unknown", need);
        var (min, max) = MeasureRules.TargetRange(Kind);
        if (double.IsNaN(Target) || Target < min || Target > max) errors["target"] = new InputError("measure-target-range", MeasureRules.Display(Kind, min), MeasureRules.Display(Kind, max));
        return errors;
    }
}

/// <summary>One quarter of a measure (from its first day): its value (null when withheld) and how many referrals or people it counts.</summary>
public sealed record MeasurePoint(DateOnly Quarter, double? Value, int Units)
{
    /// <summary>The quarter as people write it: 2026-Q3.</summary>
    public string Label => FormattableString.Invariant($"{Quarter.Year}-Q{(Quarter.Month - 1) / 3 + 1}");
}

/// <summary>
/// How each kind of measure is computed, quarter by quarter (a partnership reviews its measures
/// quarterly, and a month of a small community's referrals is mostly too few to show). Referral
/// measures are read per referral, by the quarter it was sent, with the same rules as the equity engine's referral outcome table
/// (<see cref="ReferralOutcomes"/>), so a measure's trend and its equity view never disagree.
/// </summary>
public static class MeasureRules
{
    /// <summary>A quarter counting fewer referrals or people than this is withheld, as the equity engine withholds small cells.</summary>
    public const int MinimumUnits = 11;

    public static bool HigherIsBetter(MeasureKind kind) => kind is not (MeasureKind.DaysToFirstContact or MeasureKind.Declined);

    public static bool IsShare(MeasureKind kind) => kind is MeasureKind.LoopClosed or MeasureKind.NeedMet or MeasureKind.Declined;

    /// <summary>The column of the equity engine's outcome table a kind is stratified by.</summary>
    /// <remarks>People screened is a count; its equity view is what became of those of them who screened positive: whether a referral for a need they screened positive for was taken up.</remarks>
    public static string Outcome(MeasureKind kind) => kind switch
    {
        MeasureKind.LoopClosed => "loop_closed",
        MeasureKind.NeedMet => "need_met",
        MeasureKind.DaysToFirstContact => "days_to_first_contact",
        MeasureKind.Declined => "declined",
        _ => ScreenedPerson.TakenUpColumn,
    };

    /// <summary>A kind's code in forms, URLs and storage: loop-closed, need-met, ….</summary>
    public static string Code(MeasureKind kind) => kind switch
    {
        MeasureKind.LoopClosed => "loop-closed",
        MeasureKind.NeedMet => "need-met",
        MeasureKind.DaysToFirstContact => "days-to-first-contact",
        MeasureKind.Declined => "declined",
        _ => "people-screened",
    };

    public static MeasureKind? FromCode(string? code) => Enum.GetValues<MeasureKind>().Cast<MeasureKind?>().FirstOrDefault(k => Code(k!.Value) == code);

    public static (double Min, double Max) TargetRange(MeasureKind kind) => kind switch
    {
        MeasureKind.DaysToFirstContact => (0, 365),
        MeasureKind.PeopleScreened => (0, 1_000_000),
        _ => (0, 1),
    };

    /// <summary>A value as people read it: a share as a whole percentage, days to one decimal, a count whole.</summary>
    public static string Display(MeasureKind kind, double value) => kind switch
    {
        _ when IsShare(kind) => FormattableString.Invariant($"{value * 100:0.#} %"),
        MeasureKind.DaysToFirstContact => FormattableString.Invariant($"{value:0.#}"),
        _ => FormattableString.Invariant($"{value:0}"),
    };

    /// <summary>Whether a value meets the target, in the measure's direction.</summary>
    public static bool Meets(MeasureKind kind, double value, double target) => HigherIsBetter(kind) ? value >= target : value <= target;

    /// <summary>
    /// The measure quarter by quarter, from the first quarter with data to the quarter of <paramref name="now"/>:
    /// a share is the mean of its 0/1 flags, days to first contact the median, people screened the number of completed screenings.
    /// </summary>
    public static IReadOnlyList<MeasurePoint> Quarterly(SharedMeasure measure, IEnumerable<ReferralOutcome> referrals, IEnumerable<ScreenedPerson> screened, ReferralSla sla, DateTimeOffset now)
    {
        var values = measure.Kind == MeasureKind.PeopleScreened
            ? screened.Where(s => measure.Need is null || s.PositiveFor.Contains(measure.Need)).Select(s => (Quarter: Quarter(s.ScreenedAt), Value: (double?)1))
            : referrals.Where(r => measure.Need is null || r.Need == measure.Need).Where(ReferralOutcomes.Counts).Select(r => (Quarter: Quarter(r.SentAt), Value: ValueOf(measure.Kind, r, sla, now)));
        var byQuarter = values.Where(v => v.Value is not null).GroupBy(v => v.Quarter).ToDictionary(g => g.Key, g => g.Select(v => v.Value!.Value).ToList());
        if (byQuarter.Count == 0) return [];
        var points = new List<MeasurePoint>();
        for (var quarter = byQuarter.Keys.Min(); quarter <= Quarter(now); quarter = quarter.AddMonths(3))
        {
            var list = byQuarter.GetValueOrDefault(quarter) ?? [];
            double? value = list.Count < MinimumUnits ? null : measure.Kind switch
            {
                MeasureKind.PeopleScreened => list.Count,
                MeasureKind.DaysToFirstContact => Median(list),
                _ => list.Average(),
            };
            points.Add(new MeasurePoint(quarter, value, list.Count));
        }

        return points;
    }

    private static double? ValueOf(MeasureKind kind, ReferralOutcome r, ReferralSla sla, DateTimeOffset now) => kind switch
    {
        MeasureKind.LoopClosed => Flag(ReferralOutcomes.LoopClosed(r, sla, now)),
        MeasureKind.NeedMet => Flag(ReferralOutcomes.NeedMetFlag(r)),
        MeasureKind.Declined => Flag(ReferralOutcomes.DeclinedFlag(r)),
        _ => ReferralOutcomes.DaysToFirstContact(r),
    };

    private static double? Flag(bool? flag) => flag switch { true => 1, false => 0, null => null };

    private static DateOnly Quarter(DateTimeOffset at) => new(at.UtcDateTime.Year, (at.UtcDateTime.Month - 1) / 3 * 3 + 1, 1);

    private static double Median(List<double> values)
    {
        values.Sort();
        var middle = values.Count / 2;
        return values.Count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }
}

/// <summary>A person with a completed screening: when, who they are for the equity engine, the needs they screened positive for, and whether a referral for one of them was taken up.</summary>
public sealed record ScreenedPerson(string Person, DateTimeOffset ScreenedAt, string? RaceEthnicity, DateOnly? BirthDate, IReadOnlySet<string> PositiveFor, bool TakenUp)
{
    public const string TakenUpColumn = "referral_taken_up";

    /// <summary>One row per person screened, for the equity engine: <c>referral_taken_up</c> is 1 when a referral for a need they screened positive for was accepted or went further, 0 when none was, empty when they screened positive for nothing.</summary>
    public static Equity.EquityTable Table(IEnumerable<ScreenedPerson> people, string? need)
    {
        var rows = people.Where(p => need is null || p.PositiveFor.Contains(need)).Select(p => (IReadOnlyList<string>)
            [p.Person, ReferralOutcomes.Race(p.RaceEthnicity), ReferralOutcomes.AgeBand(p.BirthDate, p.ScreenedAt), p.PositiveFor.Count == 0 ? "" : p.TakenUp ? "1" : "0"]);
        return Equity.EquityTable.FromRows(["person", "race", "age_band", TakenUpColumn], rows);
    }
}
