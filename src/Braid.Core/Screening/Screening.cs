using System.Globalization;

namespace Braid.Core.Screening;

/// <summary>
/// One item's response: the answer codes chosen, a number or words (<see cref="Value"/>, numbers in
/// invariant culture), or declined by the person (an item not yet reached has none).
/// </summary>
public sealed record ItemResponse(IReadOnlyList<string> Codes, bool Declined = false, string? Value = null)
{
    public static readonly ItemResponse Decline = new([], Declined: true);

    public static ItemResponse Of(string value) => new([], Value: value);

    /// <summary>The numeric answer, for integer and decimal items.</summary>
    public decimal? Number => decimal.TryParse(Value, NumberStyles.Number, CultureInfo.InvariantCulture, out var n) ? n : null;
}

public enum ScreeningStatus { InProgress, Completed }

/// <summary>
/// A person's screening with one instrument: answered item by item, saved and resumed while in
/// progress, then completed; each positive domain then proposes a need. A completed screening no
/// longer changes. Answers are checked against the instrument, so nothing it does not define is kept.
/// </summary>
public sealed record Screening
{
    public required string Id { get; init; }
    public required PersonId Person { get; init; }
    public required Instrument Instrument { get; init; }
    public required string StartedBy { get; init; }
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>The language the questions were asked in.</summary>
    public required string Language { get; init; }
    public ScreeningStatus Status { get; init; } = ScreeningStatus.InProgress;
    public DateTimeOffset? CompletedAt { get; init; }
    public IReadOnlyDictionary<string, ItemResponse> Responses { get; init; } = new Dictionary<string, ItemResponse>();

    /// <summary>The first question without a response: where a resumed screening picks up.</summary>
    public Question? Next => Instrument.Questions.FirstOrDefault(q => !Responses.ContainsKey(q.Loinc));

    /// <summary>The screening with this item answered (or declined); an error names what the instrument does not allow.</summary>
    public (Screening? Screening, InputError? Error) Respond(string loinc, ItemResponse response)
    {
        if (Status == ScreeningStatus.Completed) throw new DomainRuleException("A completed screening cannot change; start a new one.");
        if (Instrument.Find(loinc) is not { } question) return (null, new InputError("screening-unknown-item", loinc, Instrument.Id));
        if (response.Declined) response = ItemResponse.Decline;
        else if (Check(question, ref response) is { } error) return (null, error);

        var responses = new Dictionary<string, ItemResponse>(Responses) { [loinc] = response };
        return (this with { Responses = responses }, null);
    }

    /// <summary>The response as stored (codes once each, a number in its canonical form, words trimmed), or what is wrong with it.</summary>
    private static InputError? Check(Question question, ref ItemResponse response)
    {
        if (question.Kind == AnswerKind.Choice)
        {
            if (response.Codes.Count == 0) return new InputError("screening-no-answer");
            if (response.Codes.FirstOrDefault(c => question.Answers.All(a => a.Code != c)) is { } unknown) return new InputError("screening-unknown-answer", unknown, question.Loinc);
            if (!question.MultiSelect && response.Codes.Count > 1) return new InputError("screening-one-answer");
            if (response.Codes.Count > 1 && response.Codes.Any(c => question.Answers.Single(a => a.Code == c).Exclusive)) return new InputError("screening-none-with-others");
            response = new ItemResponse([.. response.Codes.Distinct()]);
            return null;
        }

        var value = response.Value?.Trim() ?? "";
        if (response.Codes.Count > 0) return new InputError("screening-unknown-answer", response.Codes[0], question.Loinc);
        if (value.Length == 0) return new InputError("screening-no-answer");
        if (question.Kind == AnswerKind.Text)
        {
            if (value.Length > Question.MaxTextLength) return new InputError("screening-text-too-long", Question.MaxTextLength);
            response = ItemResponse.Of(value);
            return null;
        }

        var style = question.Kind == AnswerKind.Integer ? NumberStyles.Integer : NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite;
        if (!decimal.TryParse(value, style, CultureInfo.InvariantCulture, out var number) || number < question.Min || number > question.Max)
            return new InputError(question.Kind == AnswerKind.Integer ? "screening-bad-whole-number" : "screening-bad-number", value, question.Min, question.Max);
        response = ItemResponse.Of(number.ToString(CultureInfo.InvariantCulture));
        return null;
    }

    public Screening Complete(DateTimeOffset at) => Status == ScreeningStatus.Completed
        ? throw new DomainRuleException("The screening is already complete.")
        : this with { Status = ScreeningStatus.Completed, CompletedAt = at };

    /// <summary>The SDOH categories the positive domains point to, each once: the needs a completed screening proposes.</summary>
    public IReadOnlyList<string> PositiveCategories => [.. Results.Where(r => r.Outcome == DomainOutcome.Positive).SelectMany(r => r.Categories).Distinct()];

    /// <summary>Each domain's outcome from the answers given; declined items count as unanswered.</summary>
    public IReadOnlyList<DomainResult> Results =>
        Instrument.Evaluate(Responses.Where(r => !r.Value.Declined).ToDictionary(r => r.Key, r => r.Value.Codes));
}
