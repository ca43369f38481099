namespace Braid.Core.Screening;

/// <summary>A coded answer option (LOINC answer code), and whether choosing it is a positive screen.</summary>
public sealed record AnswerOption(string Code, bool Positive = false, string? Category = null, int? Score = null);

/// <summary>
/// One question (a LOINC item), the domain it screens, and its answers. Its wording lives in the
/// host's resources under <c>q-</c> + LOINC code, each answer under <c>a-</c> + answer code.
/// </summary>
public sealed record Question(string Loinc, string Domain, IReadOnlyList<AnswerOption> Answers, bool MultiSelect = false);

/// <summary>How one domain of a screening came out.</summary>
public enum DomainOutcome { Negative, Positive, Incomplete }

/// <summary>A domain's result: positive or not, the SDOH categories it points to, and the total for scored domains.</summary>
public sealed record DomainResult(string Domain, DomainOutcome Outcome, IReadOnlyList<string> Categories, int? Total = null);

/// <summary>A screening instrument: its LOINC panel, its questions, and its published rule for each domain.</summary>
public abstract class Instrument
{
    public abstract string Id { get; }
    public abstract string PanelLoinc { get; }
    public abstract IReadOnlyList<Question> Questions { get; }

    /// <summary>True when Braid, not the instrument's publisher, made the positive-screen rule (the page says so).</summary>
    public virtual bool RulesAreBraids => false;

    public Question? Find(string loinc) => Questions.FirstOrDefault(q => q.Loinc == loinc);

    /// <summary>Each domain's outcome from the answers so far (item LOINC → answer codes; an item declined or not reached is absent).</summary>
    public abstract IReadOnlyList<DomainResult> Evaluate(IReadOnlyDictionary<string, IReadOnlyList<string>> answers);

    public IEnumerable<string> Domains => Questions.Select(q => q.Domain).Distinct();

    /// <summary>Positive if any of the domain's items has a positive answer; negative when every item is answered and none is; otherwise incomplete.</summary>
    protected DomainResult AnyPositive(string domain, IReadOnlyDictionary<string, IReadOnlyList<string>> answers)
    {
        var items = Questions.Where(q => q.Domain == domain).ToList();
        var chosen = items.SelectMany(q => answers.TryGetValue(q.Loinc, out var codes) ? q.Answers.Where(a => codes.Contains(a.Code)) : []).ToList();
        var positive = chosen.Where(a => a.Positive).ToList();
        if (positive.Count > 0) return new(domain, DomainOutcome.Positive, [.. positive.Select(a => a.Category!).Distinct()]);
        return new(domain, items.All(q => answers.ContainsKey(q.Loinc)) ? DomainOutcome.Negative : DomainOutcome.Incomplete, []);
    }
}

/// <summary>
/// The CMS Accountable Health Communities HRSN screening tool, core questions (LOINC panel 96777-8),
/// with CMS's positive-screen rules: an underlined answer in housing, food, transportation or
/// utilities; interpersonal safety when questions 7–10 (scored 1–5) add up to 11 or more, all four answered.
/// </summary>
public sealed class AhcHrsn : Instrument
{
    private static readonly AnswerOption[] FoodAnswers = [new("LA28397-0", true, "food-insecurity"), new("LA6729-3", true, "food-insecurity"), new("LA28398-8")];
    private static readonly AnswerOption[] SafetyScale = [new("LA6270-8", Score: 1), new("LA10066-1", Score: 2), new("LA10082-8", Score: 3), new("LA16644-9", Score: 4), new("LA6482-9", Score: 5)];

    // After the answer lists it is built from: static fields initialize in order.
    public static readonly AhcHrsn Core = new();

    public const string SafetyTotalLoinc = "95614-4";
    public const int SafetyPositiveTotal = 11;

    public override string Id => "ahc-hrsn";
    public override string PanelLoinc => "96777-8";

    public override IReadOnlyList<Question> Questions { get; } =
    [
        new("71802-3", "housing-instability", [new("LA31993-1"), new("LA31994-9", true, "housing-instability"), new("LA31995-6", true, "homelessness")]),
        new("96778-6", "housing-instability",
            [.. new[] { "LA31996-4", "LA28580-1", "LA31997-2", "LA31998-0", "LA31999-8", "LA32000-4", "LA32001-2" }.Select(c => new AnswerOption(c, true, "inadequate-housing")), new("LA9-3")],
            MultiSelect: true),
        new("88122-7", "food-insecurity", FoodAnswers),
        new("88123-5", "food-insecurity", FoodAnswers),
        new("93030-5", "transportation", [new("LA33-6", true, "transportation-insecurity"), new("LA32-8")]),
        new("96779-4", "utilities", [new("LA33-6", true, "utility-insecurity"), new("LA32-8"), new("LA32002-0", true, "utility-insecurity")]),
        new("95618-5", "interpersonal-safety", SafetyScale),
        new("95617-7", "interpersonal-safety", SafetyScale),
        new("95616-9", "interpersonal-safety", SafetyScale),
        new("95615-1", "interpersonal-safety", SafetyScale),
    ];

    public override IReadOnlyList<DomainResult> Evaluate(IReadOnlyDictionary<string, IReadOnlyList<string>> answers) =>
        [.. Domains.Select(d => d == "interpersonal-safety" ? Safety(answers) : AnyPositive(d, answers))];

    private DomainResult Safety(IReadOnlyDictionary<string, IReadOnlyList<string>> answers)
    {
        var scores = Questions.Where(q => q.Domain == "interpersonal-safety")
            .Select(q => answers.TryGetValue(q.Loinc, out var codes) ? q.Answers.FirstOrDefault(a => codes.Contains(a.Code))?.Score : null).ToList();
        if (scores.Any(s => s is null)) return new("interpersonal-safety", DomainOutcome.Incomplete, []);
        var total = scores.Sum(s => s!.Value);
        return total >= SafetyPositiveTotal
            ? new("interpersonal-safety", DomainOutcome.Positive, ["sdoh-category-unspecified"], total)
            : new("interpersonal-safety", DomainOutcome.Negative, [], total);
    }
}

/// <summary>
/// The Hunger Vital Sign (LOINC panel 88121-9): the two food questions; "often" or "sometimes true"
/// to either is a positive screen for food insecurity (88124-3 = LA19952-3, at risk).
/// </summary>
public sealed class HungerVitalSign : Instrument
{
    public static readonly HungerVitalSign Instance = new();

    public const string ResultLoinc = "88124-3";
    public const string AtRisk = "LA19952-3";
    public const string NoRisk = "LA19983-8";

    public override string Id => "hunger-vital-sign";
    public override string PanelLoinc => "88121-9";
    public override IReadOnlyList<Question> Questions { get; } = [.. AhcHrsn.Core.Questions.Where(q => q.Domain == "food-insecurity")];

    public override IReadOnlyList<DomainResult> Evaluate(IReadOnlyDictionary<string, IReadOnlyList<string>> answers) => [AnyPositive("food-insecurity", answers)];
}

/// <summary>The instruments a navigator or the person can fill in.</summary>
public static class Instruments
{
    public static readonly IReadOnlyList<Instrument> All = [AhcHrsn.Core, HungerVitalSign.Instance];

    public static Instrument? Find(string id) => All.FirstOrDefault(i => i.Id == id);
}
