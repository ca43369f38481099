using Braid.Core.People;

namespace Braid.Core.Screening;

/// <summary>
/// A coded answer option (LOINC answer code), and whether choosing it is a positive screen. An
/// exclusive answer ("none of the above", "no") cannot be chosen with others.
/// </summary>
public sealed record AnswerOption(string Code, bool Positive = false, string? Category = null, int? Score = null)
{
    public bool Exclusive { get; init; }
}

/// <summary>What a question's answer is: coded options, a whole number, a number, or words.</summary>
public enum AnswerKind { Choice, Integer, Decimal, Text }

/// <summary>
/// One question (a LOINC item), the domain it screens, and its answers. Its wording lives in the
/// host's resources under <see cref="TextKey"/>, each answer under <c>a-</c> + answer code.
/// </summary>
public sealed record Question(string Loinc, string Domain, IReadOnlyList<AnswerOption> Answers, bool MultiSelect = false)
{
    public AnswerKind Kind { get; init; } = AnswerKind.Choice;

    /// <summary>The resource key of the question's wording; an instrument whose wording of a shared LOINC item differs has its own.</summary>
    public string TextKey { get; init; } = "q-" + Loinc;

    /// <summary>The LOINC group (section) the item sits in, where the instrument has sections.</summary>
    public string? Section { get; init; }

    /// <summary>The answer code the instrument uses for "I choose not to answer", where it has one: a declined item is sent with it.</summary>
    public string? DeclineCode { get; init; }

    /// <summary>The SDOH category of the item's observations, where the instrument's domain alone does not say.</summary>
    public string? Category { get; init; }

    /// <summary>Bounds of a numeric answer, inclusive.</summary>
    public decimal Min { get; init; }
    public decimal Max { get; init; } = int.MaxValue;

    /// <summary>The UCUM unit of a numeric answer that has one.</summary>
    public string? Unit { get; init; }

    public const int MaxTextLength = 200;

    /// <summary>The consent category the item's answers belong to: sensitive domains are their own categories.</summary>
    public DataCategory ConsentCategory => Domain switch
    {
        "interpersonal-safety" => DataCategory.InterpersonalSafety,
        "immigration" => DataCategory.Immigration,
        "legal" => DataCategory.Legal,
        "contact" => DataCategory.Contact,
        "demographics" => DataCategory.Demographics,
        _ => DataCategory.Screening,
    };
}

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

    /// <summary>Domains with a positive-screen rule; the others (household size, income, demographics) are recorded, not judged.</summary>
    public IEnumerable<string> ScreenedDomains => Domains.Where(d => Questions.Any(q => q.Domain == d && q.Answers.Any(a => a.Positive || a.Score is not null)));

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
            [.. new[] { "LA31996-4", "LA28580-1", "LA31997-2", "LA31998-0", "LA31999-8", "LA32000-4", "LA32001-2" }.Select(c => new AnswerOption(c, true, "inadequate-housing")), new("LA9-3") { Exclusive = true }],
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

/// <summary>
/// PRAPARE (LOINC panel 93025-5), its items and answers as the Gravity SDOH Clinical Care IG's
/// Questionnaire has them. PRAPARE publishes no positive-screen rule, so the rules here are Braid's
/// (the page says so): the answers that name a risk propose the need in the IG's SDOH category;
/// demographics, household size, income, incarceration and refugee status are recorded, never judged.
/// </summary>
public sealed class Prapare : Instrument
{
    private const string Declined = "LA30122-8";
    private const string PersonalCharacteristics = "93043-8", FamilyAndHome = "93042-0", MoneyAndResources = "93041-2", SocialAndEmotional = "93040-4", Optional = "93039-6";

    public static readonly Prapare Instance = new();

    public override string Id => "prapare";
    public override string PanelLoinc => "93025-5";
    public override bool RulesAreBraids => true;

    public override IReadOnlyList<Question> Questions { get; } =
    [
        Item("56051-6", "demographics", PersonalCharacteristics, YesNo()),
        Item("32624-9", "demographics", PersonalCharacteristics, Options("LA6156-9", "LA14045-1", "LA30187-1", "LA14042-8", "LA4457-3", "LA4-4", "LA46-8"), multi: true),
        Item("93035-4", "personal-characteristics", PersonalCharacteristics, YesNo(), "sdoh-category-unspecified"),
        Item("93034-7", "personal-characteristics", PersonalCharacteristics, YesNo(), "veteran-status"),
        Item("54899-0", "demographics", PersonalCharacteristics, Options("LA43-5", "LA30188-9"), "language-access"),
        Item("63512-8", "household", FamilyAndHome, [], kind: AnswerKind.Integer) with { Min = 1, Max = 30, DeclineCode = null },
        Item("71802-3", "housing-instability", FamilyAndHome, [new("LA30189-7"), new("LA30190-5", true, "homelessness")], "homelessness"),
        Item("93033-9", "housing-instability", FamilyAndHome, YesNo("housing-instability"), "housing-instability"),
        Item("56799-0", "contact", FamilyAndHome, [], kind: AnswerKind.Text) with { DeclineCode = null },
        Item("82589-3", "education", MoneyAndResources, [new("LA30191-3", true, "educational-attainment"), new("LA30192-1"), new("LA30193-9")], "educational-attainment"),
        Item("67875-5", "employment", MoneyAndResources, [new("LA17956-6", true, "employment-status"), new("LA30138-4"), new("LA30136-8"), new("LA30137-6")], "employment-status"),
        Item("76437-3", "insurance", MoneyAndResources,
            [new("LA30194-7", true, "health-insurance-coverage-status"), .. Options("LA17849-3", "LA30195-4", "LA15652-3", "LA30196-2", "LA30197-0", "LA6350-8")], "health-insurance-coverage-status") with { DeclineCode = null },
        Item("63586-2", "income", MoneyAndResources, [], "financial-insecurity", AnswerKind.Decimal) with { Min = 0, Max = 10_000_000, Unit = "/a", DeclineCode = null },
        Item("93031-3", "material-security", MoneyAndResources,
            [new("LA30125-1", true, "food-insecurity"), new("LA30126-9", true, "material-hardship"), new("LA30124-4", true, "utility-insecurity"), new("LA30127-7", true, "material-hardship"),
             new("LA30128-5", true, "material-hardship"), new("LA30129-3", true, "material-hardship"), new("LA46-8", true, "material-hardship")], "material-hardship", multi: true),
        Item("93030-5", "transportation", MoneyAndResources,
            [new("LA30133-5", true, "transportation-insecurity"), new("LA30134-3", true, "transportation-insecurity"), new("LA32-8") { Exclusive = true }, new("LA30257-2") { Exclusive = true }],
            "transportation-insecurity", multi: true) with { DeclineCode = null },
        Item("93029-7", "social-integration", SocialAndEmotional, [new("LA27722-0", true, "social-connection"), .. Options("LA30130-1", "LA30131-9", "LA30132-7")], "social-connection"),
        Item("93038-8", "stress", SocialAndEmotional, [.. Options("LA6568-5", "LA13863-8", "LA13909-9"), new("LA13902-4", true, "stress"), new("LA13914-9", true, "stress")], "stress"),
        Item("93028-9", "legal", Optional, YesNo(), "incarceration-status"),
        Item("93027-1", "immigration", Optional, YesNo()),
        Item("93026-3", "interpersonal-safety", Optional,
            [new("LA33-6"), new("LA32-8", true, "sdoh-category-unspecified"), new("LA14072-5", true, "sdoh-category-unspecified")]),
        Item("76501-6", "interpersonal-safety", Optional, YesNo("intimate-partner-violence"), "intimate-partner-violence") with { DeclineCode = null },
    ];

    /// <summary>Groups for the QuestionnaireResponse, in the Questionnaire's order.</summary>
    public static IReadOnlyList<string> Sections { get; } = [PersonalCharacteristics, FamilyAndHome, MoneyAndResources, SocialAndEmotional, Optional];

    public override IReadOnlyList<DomainResult> Evaluate(IReadOnlyDictionary<string, IReadOnlyList<string>> answers) => [.. ScreenedDomains.Select(d => AnyPositive(d, answers))];

    private static Question Item(string loinc, string domain, string section, IReadOnlyList<AnswerOption> answers, string? category = null, AnswerKind kind = AnswerKind.Choice, bool multi = false) =>
        new(loinc, domain, answers, multi) { Kind = kind, Section = section, DeclineCode = Declined, Category = category, TextKey = "q-prapare-" + loinc };

    private static AnswerOption[] Options(params string[] codes) => [.. codes.Select(c => new AnswerOption(c))];

    /// <summary>Yes and no; yes is positive when a category is given.</summary>
    private static AnswerOption[] YesNo(string? positive = null) => [new("LA33-6", positive is not null, positive), new("LA32-8")];
}

/// <summary>The instruments a navigator or the person can fill in.</summary>
public static class Instruments
{
    public static readonly IReadOnlyList<Instrument> All = [AhcHrsn.Core, HungerVitalSign.Instance, Prapare.Instance];

    public static Instrument? Find(string id) => All.FirstOrDefault(i => i.Id == id);
}
