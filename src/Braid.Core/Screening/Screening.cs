namespace Braid.Core.Screening;

/// <summary>One item's response: the answer codes chosen, or declined by the person (an item not yet reached has none).</summary>
public sealed record ItemResponse(IReadOnlyList<string> Codes, bool Declined = false)
{
    public static readonly ItemResponse Decline = new([], Declined: true);
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
        if (!response.Declined)
        {
            if (response.Codes.Count == 0) return (null, new InputError("screening-no-answer"));
            if (response.Codes.FirstOrDefault(c => question.Answers.All(a => a.Code != c)) is { } unknown) return (null, new InputError("screening-unknown-answer", unknown, loinc));
            if (!question.MultiSelect && response.Codes.Count > 1) return (null, new InputError("screening-one-answer"));
            if (response.Codes.Count > 1 && response.Codes.Any(c => !question.Answers.Single(a => a.Code == c).Positive))
                return (null, new InputError("screening-none-with-others"));
        }

        var responses = new Dictionary<string, ItemResponse>(Responses) { [loinc] = response with { Codes = [.. response.Codes.Distinct()] } };
        return (this with { Responses = responses }, null);
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
