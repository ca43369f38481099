using System.Text.RegularExpressions;

namespace Braid.Core.Directory.Eligibility;

/// <summary>
/// A service's eligibility as rules a machine can check, beside its HSDS eligibility text: the
/// ages it serves (HSDS minimum_age and maximum_age), a household income limit as a percentage of
/// the HHS poverty guideline for the household's size, where people must live (5-digit county
/// FIPS codes or ZIP codes; either one matching is enough), and the documents to bring (HSDS
/// required_document). Documents do not decide anything: they tell the person what to bring.
/// </summary>
public sealed partial record EligibilityRules
{
    public const int MaxIncomePercent = 1000;

    public static readonly EligibilityRules None = new();

    public double? MinimumAge { get; init; }
    public double? MaximumAge { get; init; }

    /// <summary>Household income at most this percentage of the poverty guideline (200 = "at or below 200% FPL").</summary>
    public int? IncomeLimitPercent { get; init; }

    public IReadOnlyList<string> Counties { get; init; } = [];
    public IReadOnlyList<string> Zips { get; init; } = [];
    public IReadOnlyList<string> Documents { get; init; } = [];

    public bool Equals(EligibilityRules? other) =>
        other is not null && MinimumAge == other.MinimumAge && MaximumAge == other.MaximumAge && IncomeLimitPercent == other.IncomeLimitPercent
        && Counties.SequenceEqual(other.Counties) && Zips.SequenceEqual(other.Zips) && Documents.SequenceEqual(other.Documents);

    public override int GetHashCode() => HashCode.Combine(MinimumAge, MaximumAge, IncomeLimitPercent, string.Join(",", Counties), string.Join(",", Zips), string.Join("\n", Documents));

    /// <summary>Whether any rule decides who is eligible.</summary>
    public bool Decides => MinimumAge is not null || MaximumAge is not null || IncomeLimitPercent is not null || Counties.Count > 0 || Zips.Count > 0;

    /// <summary>Each field that is wrong, with what is wrong; empty when the rules may be stored.</summary>
    public Dictionary<string, InputError> Validate()
    {
        var errors = new Dictionary<string, InputError>();
        if (MinimumAge is < 0 or > 130 or double.NaN) errors["minimum_age"] = new InputError("age-range", 0, 130);
        if (MaximumAge is < 0 or > 130 or double.NaN) errors["maximum_age"] = new InputError("age-range", 0, 130);
        if (MinimumAge > MaximumAge) errors["maximum_age"] = new InputError("age-min-above-max");
        if (IncomeLimitPercent is < 1 or > MaxIncomePercent) errors["income_limit"] = new InputError("income-limit", MaxIncomePercent);
        if (Counties.FirstOrDefault(c => !County().IsMatch(c)) is { } county) errors["counties"] = new InputError("county-code", county);
        if (Zips.FirstOrDefault(z => !Zip().IsMatch(z)) is { } zip) errors["zips"] = new InputError("zip-code", zip);
        if (Documents.FirstOrDefault(d => d.Length > 200) is { } document) errors["documents"] = new InputError("too-long", 200, document.Length);
        else if (Documents.Any(d => d.Any(char.IsControl))) errors["documents"] = new InputError("control-character-or-line-break");
        return errors;
    }

    /// <summary>A list typed in a form (separated by commas, spaces or lines), trimmed, without repeats, in order.</summary>
    public static IReadOnlyList<string> Split(string? text) =>
        [.. (text ?? "").Split([',', ' ', '\n', '\r', '\t', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().Order(StringComparer.Ordinal)];

    /// <summary>Documents typed one per line, trimmed, without repeats, in order (HSDS keeps no order of required documents).</summary>
    public static IReadOnlyList<string> Lines(IEnumerable<string?> lines) =>
        [.. lines.Select(d => d?.Trim()).OfType<string>().Where(d => d.Length > 0).Distinct().Order(StringComparer.Ordinal)];

    [GeneratedRegex("^[0-9]{5}$")]
    private static partial Regex County();

    [GeneratedRegex("^[0-9]{5}$")]
    private static partial Regex Zip();
}

/// <summary>
/// What is known about the person a search is for; any of it may be missing. The income is either
/// a yearly household amount (with the household's size, and the state for Alaska and Hawaii) or
/// the person's income band relative to the poverty guideline (<c>PersonRules.IncomeBands</c>).
/// </summary>
public sealed record PersonFacts
{
    public int? Age { get; init; }
    public int? HouseholdSize { get; init; }
    public decimal? YearlyIncome { get; init; }
    public string? IncomeBand { get; init; }
    public string? State { get; init; }
    public string? County { get; init; }
    public string? Zip { get; init; }

    /// <summary>
    /// What a person's record says: their age today from their birth date, their household's size
    /// and income band when they answered, their state and ZIP from their address, and their
    /// county from their census tract (a tract's GEOID begins with its county's 5-digit FIPS code).
    /// <paramref name="withAddress"/> false leaves out where they live (a reader not allowed their contact details).
    /// </summary>
    public static PersonFacts Of(People.Person person, DateOnly today, bool withAddress = true) => new()
    {
        Age = person.BirthDate is { } born ? today.Year - born.Year - (today < born.AddYears(today.Year - born.Year) ? 1 : 0) : null,
        HouseholdSize = person.HouseholdSize is { Status: People.ReportStatus.Answered, Value: var size } ? size : null,
        IncomeBand = person.IncomeBand is { Status: People.ReportStatus.Answered, Value: { } band } ? band : null,
        State = withAddress ? person.State : null,
        County = withAddress && person.Tract is { Length: 11 } tract ? tract[..5] : null,
        Zip = withAddress ? person.PostalCode : null,
    };

    /// <summary>Whether anything is known: without facts no result is judged.</summary>
    public bool Any => Age is not null || HouseholdSize is not null || YearlyIncome is not null || IncomeBand is not null || County is not null || Zip is not null;
}

public enum EligibilityVerdict { Likely, LikelyNot, Unknown }

public enum EligibilityRule { Age, Income, Residence }

public enum RuleOutcome { Met, NotMet, FactMissing }

/// <summary>One rule checked against the fact behind it; for income, the percentage of the guideline and the guideline's year when an amount was given.</summary>
public sealed record RuleCheck(EligibilityRule Rule, RuleOutcome Outcome, decimal? IncomePercent = null, int? GuidelineYear = null);

/// <summary>The verdict for one service, the checks it rests on, and the facts they were checked against.</summary>
public sealed record EligibilityJudgement(EligibilityVerdict Verdict, IReadOnlyList<RuleCheck> Checks, PersonFacts Facts);

/// <summary>
/// Judges a person's likely eligibility for a service from its rules and what is known about the
/// person, never guessing from a missing fact: a rule the person fails makes the service "likely
/// not"; otherwise a rule whose fact is missing makes it "unknown"; "likely" only when every rule
/// is met; a service without rules is "unknown". Each verdict comes with the rules and facts behind it.
/// </summary>
public static class EligibilityJudge
{
    /// <summary>The income bands as [from, to) percentages of the poverty guideline; to is null for the open top band.</summary>
    private static readonly Dictionary<string, (int From, int? To)> Bands = new()
    {
        ["under-100-fpl"] = (0, 100), ["100-199-fpl"] = (100, 200), ["200-399-fpl"] = (200, 400), ["400-fpl-or-more"] = (400, null),
    };

    public static EligibilityJudgement Judge(EligibilityRules rules, PersonFacts facts, int year)
    {
        var checks = new List<RuleCheck>();
        if (rules.MinimumAge is not null || rules.MaximumAge is not null)
        {
            checks.Add(new RuleCheck(EligibilityRule.Age, facts.Age is not { } age ? RuleOutcome.FactMissing
                : age >= (rules.MinimumAge ?? 0) && age <= (rules.MaximumAge ?? double.MaxValue) ? RuleOutcome.Met : RuleOutcome.NotMet));
        }

        if (rules.IncomeLimitPercent is { } limit) checks.Add(Income(limit, facts, year));

        if (rules.Counties.Count > 0 || rules.Zips.Count > 0)
        {
            var inArea = (facts.Zip is { } zip && rules.Zips.Contains(zip[..Math.Min(5, zip.Length)])) || (facts.County is { } county && rules.Counties.Contains(county));
            var allKnown = (rules.Zips.Count == 0 || facts.Zip is not null) && (rules.Counties.Count == 0 || facts.County is not null);
            checks.Add(new RuleCheck(EligibilityRule.Residence, inArea ? RuleOutcome.Met : allKnown ? RuleOutcome.NotMet : RuleOutcome.FactMissing));
        }

        var verdict = checks.Count == 0 ? EligibilityVerdict.Unknown
            : checks.Any(c => c.Outcome == RuleOutcome.NotMet) ? EligibilityVerdict.LikelyNot
            : checks.Any(c => c.Outcome == RuleOutcome.FactMissing) ? EligibilityVerdict.Unknown
            : EligibilityVerdict.Likely;
        return new EligibilityJudgement(verdict, checks, facts);
    }

    private static RuleCheck Income(int limit, PersonFacts facts, int year)
    {
        if (facts is { YearlyIncome: { } income, HouseholdSize: { } size } && income >= 0 && size >= 1)
        {
            var (percent, used) = PovertyGuidelines.PercentOf(income, size, facts.State, year);
            return new RuleCheck(EligibilityRule.Income, percent <= limit ? RuleOutcome.Met : RuleOutcome.NotMet, percent, used);
        }

        // A band decides only when all of it lies on one side of the limit.
        if (facts.IncomeBand is { } band && Bands.TryGetValue(band, out var range))
        {
            if (range.To is { } to && to <= limit) return new RuleCheck(EligibilityRule.Income, RuleOutcome.Met);
            if (range.From > limit) return new RuleCheck(EligibilityRule.Income, RuleOutcome.NotMet);
        }

        return new RuleCheck(EligibilityRule.Income, RuleOutcome.FactMissing);
    }
}
