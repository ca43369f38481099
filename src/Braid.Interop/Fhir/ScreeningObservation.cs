using Braid.Core;
using Braid.Core.Screening;

namespace Braid.Interop.Fhir;

/// <summary>One screening response as an Observation carries it: the item, its coded, counted or worded answer (or declined), the SDOH categories, when, and what it derives from.</summary>
public sealed record ScreeningObservation(
    string Id, PersonId Person, string Item, string? Answer, decimal? Quantity, string? Unit, bool Declined, IReadOnlyList<string> SdohCategories,
    DateTimeOffset Effective, bool Final, bool Positive, IReadOnlyList<string> DerivedFrom, IReadOnlyList<string> Members, string? Text = null)
{
    /// <summary>The observations of a screening: one per answer (an item declined is one too), and the interpersonal-safety total once all four are answered.</summary>
    public static IEnumerable<ScreeningObservation> Of(Screening screening)
    {
        var final = screening.Status == ScreeningStatus.Completed;
        var at = screening.CompletedAt ?? screening.StartedAt;
        IReadOnlyList<string> from = ["QuestionnaireResponse/" + screening.Id];
        foreach (var question in screening.Instrument.Questions)
        {
            if (!screening.Responses.TryGetValue(question.Loinc, out var given)) continue;
            IReadOnlyList<string> categories = [question.Category ?? Category(screening.Instrument, question.Domain)];
            var single = $"{screening.Id}-{question.Loinc}";
            if (given.Declined)
            {
                yield return new(single, screening.Person, question.Loinc, null, null, null, true, categories, at, final, false, from, []);
                continue;
            }

            if (question.Kind != AnswerKind.Choice)
            {
                var text = question.Kind == AnswerKind.Text ? given.Value : null;
                yield return new(single, screening.Person, question.Loinc, null, text is null ? given.Number : null, question.Unit, false, categories, at, final, false, from, [], text);
                continue;
            }

            foreach (var code in given.Codes)
            {
                var id = given.Codes.Count == 1 ? single : $"{single}-{code}";
                yield return new(id, screening.Person, question.Loinc, code, null, null, false, categories, at, final, question.Answers.Single(a => a.Code == code).Positive, from, []);
            }
        }

        if (screening.Results.FirstOrDefault(r => r.Domain == "interpersonal-safety" && r.Total is not null) is { } safety)
        {
            yield return new($"{screening.Id}-{AhcHrsn.SafetyTotalLoinc}", screening.Person, AhcHrsn.SafetyTotalLoinc, null, safety.Total, null, false,
                [Category(screening.Instrument, safety.Domain)], at, final, safety.Outcome == DomainOutcome.Positive, from, []);
        }
    }

    private static string Category(Instrument instrument, string domain) =>
        instrument.Questions.Where(q => q.Domain == domain).SelectMany(q => q.Answers).Select(a => a.Category).FirstOrDefault(c => c is not null && c != "homelessness" && c != "inadequate-housing")
        ?? "sdoh-category-unspecified";
}
