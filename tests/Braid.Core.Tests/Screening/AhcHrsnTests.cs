using System.Text.Json;
using Braid.Core.Screening;

namespace Braid.Core.Tests.Screening;

/// <summary>The AHC HRSN instrument held to the CMS rules as compiled in <c>tests/fixtures/ahc-hrsn</c>, table by table.</summary>
public sealed class AhcHrsnTests
{
    private static readonly JsonElement Official = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", "ahc-hrsn", "ahc-hrsn-core.json"))).RootElement;

    private static IEnumerable<JsonElement> OfficialQuestions => Official.GetProperty("questions").EnumerateArray();

    private static Dictionary<string, IReadOnlyList<string>> Answers(params (string Loinc, string Code)[] answers) =>
        answers.GroupBy(a => a.Loinc).ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.Select(a => a.Code)]);

    private static DomainResult Domain(IReadOnlyDictionary<string, IReadOnlyList<string>> answers, string domain) =>
        AhcHrsn.Core.Evaluate(answers).Single(r => r.Domain == domain);

    [Fact]
    public void The_instrument_asks_the_official_questions_in_order_with_their_answer_codes()
    {
        Assert.Equal(Official.GetProperty("panel").GetProperty("code").GetString(), AhcHrsn.Core.PanelLoinc);
        Assert.Equal(OfficialQuestions.Select(q => (q.GetProperty("loinc").GetString(), q.GetProperty("domain").GetString())),
            AhcHrsn.Core.Questions.Select(q => ((string?)q.Loinc, (string?)q.Domain)));
        var scale = Official.GetProperty("safetyAnswerScale").EnumerateArray().Select(a => (a.GetProperty("code").GetString(), a.GetProperty("score").GetInt32())).ToList();
        foreach (var official in OfficialQuestions)
        {
            var question = AhcHrsn.Core.Find(official.GetProperty("loinc").GetString()!)!;
            Assert.Equal(official.GetProperty("multiSelect").GetBoolean(), question.MultiSelect);
            if (official.TryGetProperty("answers", out var answers))
                Assert.Equal(answers.EnumerateArray().Select(a => (a.GetProperty("code").GetString(), a.GetProperty("positive").GetBoolean())), question.Answers.Select(a => ((string?)a.Code, a.Positive)));
            else
                Assert.Equal(scale, question.Answers.Select(a => ((string?)a.Code, a.Score!.Value)));
        }
    }

    public static TheoryData<string, string, string, bool> EveryAnswer()
    {
        var data = new TheoryData<string, string, string, bool>();
        foreach (var q in OfficialQuestions.Where(q => q.TryGetProperty("answers", out _)))
            foreach (var a in q.GetProperty("answers").EnumerateArray())
                data.Add(q.GetProperty("domain").GetString()!, q.GetProperty("loinc").GetString()!, a.GetProperty("code").GetString()!, a.GetProperty("positive").GetBoolean());
        return data;
    }

    [Theory, MemberData(nameof(EveryAnswer))]
    public void Each_answer_alone_screens_its_domain_as_the_official_rule_says(string domain, string loinc, string code, bool positive)
    {
        // The other items of the domain answered with their first negative option, so only this answer decides.
        var others = AhcHrsn.Core.Questions.Where(q => q.Domain == domain && q.Loinc != loinc).Select(q => (q.Loinc, q.Answers.First(a => !a.Positive).Code));
        var result = Domain(Answers([(loinc, code), .. others]), domain);

        Assert.Equal(positive ? DomainOutcome.Positive : DomainOutcome.Negative, result.Outcome);
        if (positive) Assert.NotEmpty(result.Categories);
    }

    public static TheoryData<int, int, int, int> EverySafetyAnswerSet()
    {
        var data = new TheoryData<int, int, int, int>();
        foreach (var a in Enumerable.Range(1, 5))
            foreach (var b in Enumerable.Range(1, 5))
                foreach (var c in Enumerable.Range(1, 5))
                    foreach (var d in Enumerable.Range(1, 5))
                        data.Add(a, b, c, d);
        return data;
    }

    [Theory, MemberData(nameof(EverySafetyAnswerSet))]
    public void Interpersonal_safety_is_positive_at_a_total_of_11_or_more(int q7, int q8, int q9, int q10)
    {
        var scale = Official.GetProperty("safetyAnswerScale").EnumerateArray().ToDictionary(a => a.GetProperty("score").GetInt32(), a => a.GetProperty("code").GetString()!);
        var safety = OfficialQuestions.Where(q => q.GetProperty("domain").GetString() == "interpersonal-safety").Select(q => q.GetProperty("loinc").GetString()!).ToList();
        var scores = new[] { q7, q8, q9, q10 };

        var result = Domain(Answers([.. safety.Select((loinc, i) => (loinc, scale[scores[i]]))]), "interpersonal-safety");

        Assert.Equal(scores.Sum(), result.Total);
        Assert.Equal(scores.Sum() > 10 ? DomainOutcome.Positive : DomainOutcome.Negative, result.Outcome);
        // The official rule needs all four answers: with one missing the domain is not decided, however high the rest.
        Assert.Equal(DomainOutcome.Incomplete, Domain(Answers([.. safety.Skip(1).Select((loinc, i) => (loinc, scale[scores[i + 1]]))]), "interpersonal-safety").Outcome);
    }

    [Fact]
    public void A_domain_with_an_unanswered_item_and_no_positive_answer_is_incomplete_not_negative()
    {
        Assert.Equal(DomainOutcome.Incomplete, Domain(Answers(("88122-7", "LA28398-8")), "food-insecurity").Outcome);
        Assert.Equal(DomainOutcome.Positive, Domain(Answers(("88122-7", "LA6729-3")), "food-insecurity").Outcome);
        Assert.Equal(["homelessness"], Domain(Answers(("71802-3", "LA31995-6")), "housing-instability").Categories);
    }

    [Fact]
    public void The_Hunger_Vital_Sign_is_the_two_food_items_either_of_them_often_or_sometimes_true()
    {
        Assert.Equal(["88122-7", "88123-5"], HungerVitalSign.Instance.Questions.Select(q => q.Loinc));
        Assert.Equal(DomainOutcome.Positive, HungerVitalSign.Instance.Evaluate(Answers(("88122-7", "LA28398-8"), ("88123-5", "LA28397-0"))).Single().Outcome);
        Assert.Equal(DomainOutcome.Negative, HungerVitalSign.Instance.Evaluate(Answers(("88122-7", "LA28398-8"), ("88123-5", "LA28398-8"))).Single().Outcome);
    }
}
