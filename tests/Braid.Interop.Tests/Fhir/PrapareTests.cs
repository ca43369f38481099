using Braid.Core;
using Braid.Core.Screening;
using Braid.Interop.Fhir;
using Hl7.Fhir.Model;
using static Braid.Interop.Tests.Fhir.FhirFixtures;

namespace Braid.Interop.Tests.Fhir;

/// <summary>PRAPARE held to the Gravity IG's Questionnaire, and the IG's PRAPARE response read in and written back.</summary>
public sealed class PrapareTests
{
    private static readonly Questionnaire Official = FhirJson.Parse<Questionnaire>(File.ReadAllText(Path("questionnaires/Questionnaire-SDOHCC-QuestionnairePRAPARE.json")));

    private static IEnumerable<Questionnaire.ItemComponent> Flatten(IEnumerable<Questionnaire.ItemComponent> items) => items.SelectMany(i => Flatten(i.Item).Prepend(i));

    private static IEnumerable<QuestionnaireResponse.ItemComponent> Flatten(IEnumerable<QuestionnaireResponse.ItemComponent> items) => items.SelectMany(i => Flatten(i.Item).Prepend(i));

    [Fact]
    public void The_instrument_asks_the_IGs_questions_in_order_in_its_sections_with_their_types_and_answer_codes()
    {
        Assert.Equal(FhirCodes.PrapareQuestionnaire, Official.Url);
        var panel = Assert.Single(Official.Item);
        Assert.Equal("/" + Prapare.Instance.PanelLoinc, panel.LinkId);
        Assert.Equal(panel.Item.Select(s => s.LinkId), Prapare.Sections.Select(s => "/" + s));
        var questions = Flatten(Official.Item).Where(i => i.Type is not (Questionnaire.QuestionnaireItemType.Group or Questionnaire.QuestionnaireItemType.Display)).ToList();
        Assert.Equal(questions.Select(i => i.LinkId), Prapare.Instance.Questions.Select(q => $"/{q.Section}/{q.Loinc}"));
        foreach (var official in questions)
        {
            var question = Prapare.Instance.Find(official.LinkId!.Split('/')[^1])!;
            Assert.Equal(official.Code.Single().Code, question.Loinc);
            var kind = official.Type switch
            {
                Questionnaire.QuestionnaireItemType.Choice => AnswerKind.Choice,
                Questionnaire.QuestionnaireItemType.Integer => AnswerKind.Integer,
                Questionnaire.QuestionnaireItemType.Decimal => AnswerKind.Decimal,
                Questionnaire.QuestionnaireItemType.String => AnswerKind.Text,
                var other => throw new InvalidOperationException($"{official.LinkId}: {other}"),
            };
            Assert.Equal(kind, question.Kind);
            Assert.True((official.Repeats ?? false) == question.MultiSelect, official.LinkId);
            var codes = official.AnswerOption.Select(o => ((Coding)o.Value).Code!).ToList();
            Assert.Equal(codes, [.. question.Answers.Select(a => a.Code), .. question.DeclineCode is { } declined ? [declined] : Array.Empty<string>()]);
        }
    }

    [Fact]
    public void The_IGs_response_reads_in_is_accepted_and_writes_back_with_its_items_answers_and_the_choice_not_to_answer()
    {
        var original = Example<QuestionnaireResponse>("QuestionnaireResponse-SDOHCC-QuestionnaireResponsePRAPAREExample.json");
        Assert.Same(Prapare.Instance, FhirMapping.InstrumentOf(original.Questionnaire));
        Assert.Null(FhirMapping.UnknownItem(original, Prapare.Instance));
        var screening = new Screening { Id = original.Id!, Person = new PersonId("pat-53234"), Instrument = Prapare.Instance, StartedBy = "partner", StartedAt = Now, Language = "en" };
        foreach (var (item, response) in FhirMapping.FromQuestionnaireResponse(original, Prapare.Instance))
        {
            var (answered, error) = screening.Respond(item, response);
            Assert.True(answered is not null, $"{item}: {error}");
            screening = answered;
        }

        Assert.Equal(21, screening.Responses.Count);
        Assert.True(screening.Responses["93033-9"].Declined);
        var back = FhirMapping.ToQuestionnaireResponse(screening.Complete(Now));

        Assert.Equal(Flatten(original.Item).Select(i => i.LinkId), Flatten(back.Item).Select(i => i.LinkId));
        Assert.Equal(Answers(original), Answers(back));
        Assert.Equal(original.Status, back.Status);
    }

    [Fact]
    public void A_response_naming_an_item_PRAPARE_lacks_is_found_at_any_depth()
    {
        var response = Example<QuestionnaireResponse>("QuestionnaireResponse-SDOHCC-QuestionnaireResponsePRAPAREExample.json");
        response.Item[0].Item[2].Item.Add(new QuestionnaireResponse.ItemComponent { LinkId = "/93041-2/99999-9" });
        Assert.Equal("/93041-2/99999-9", FhirMapping.UnknownItem(response, Prapare.Instance));
    }

    [Fact]
    public void Its_observations_carry_the_IGs_categories_and_the_counted_and_worded_answers()
    {
        var observations = FhirMapping.ToObservations(PrapareScreened()).ToDictionary(o => o.Id!);

        Assert.Equal(6, ((Integer)observations["p1-63512-8"].Value!).Value);
        var income = (Quantity)observations["p1-63586-2"].Value!;
        Assert.Equal((25000m, "/a", "http://unitsofmeasure.org"), (income.Value!.Value, income.Code, income.System));
        Assert.Equal("Broadway", ((FhirString)observations["p1-56799-0"].Value!).Value);
        // As the IG's own PRAPARE observation examples have them.
        foreach (var file in Examples("Observation").Where(f => f.Contains("PRAPARE", StringComparison.Ordinal)))
        {
            var example = Example<Observation>(file);
            var item = example.Code!.Coding.Single().Code;
            var code = ((CodeableConcept)example.Value!).Coding.Single().Code;
            var ours = observations.Values.Single(o => o.Code!.Coding.Single().Code == item && o.Value is CodeableConcept answer && answer.Coding.Single().Code == code);
            Assert.Equal(Categories(example), Categories(ours));
        }
    }

    private static List<string> Categories(Observation o) => [.. o.Category.SelectMany(c => c.Coding).Where(c => c.System == FhirCodes.SdohCategory).Select(c => c.Code!)];

    /// <summary>Each leaf item's linkId and its answers, as text.</summary>
    private static List<string> Answers(QuestionnaireResponse response) =>
        [.. Flatten(response.Item).Where(i => i.Answer.Count > 0).Select(i => i.LinkId + "=" + string.Join(",", i.Answer.Select(a => a.Value switch
        {
            Coding c => c.System + "|" + c.Code,
            PrimitiveType p => p.TypeName + ":" + p,
            var other => other?.TypeName ?? "none",
        })))];
}
