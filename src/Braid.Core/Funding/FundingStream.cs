using Braid.Core.Directory;
using Braid.Core.Directory.Eligibility;

namespace Braid.Core.Funding;

/// <summary>
/// How a stream's money meets costs: braided, each cost charged whole to one stream whose rules it
/// satisfies (and the rules that matched kept with it); blended, pooled with the other blended
/// streams, each bearing a share of every pooled cost in proportion to what it put in.
/// </summary>
public enum FundingMethod { Braided, Blended }

/// <summary>
/// What a stream pays for. Empty needs or services mean any; the person's age, income and where
/// they live are checked as a service's eligibility is (<see cref="EligibilityJudge"/>), except that
/// a missing fact never qualifies a cost. A unit rate caps the price per unit; a cap per person
/// caps what the stream pays for one person in all.
/// </summary>
public sealed record FundingRules
{
    public IReadOnlyList<string> Needs { get; init; } = [];
    public IReadOnlyList<string> Services { get; init; } = [];
    public EligibilityRules People { get; init; } = EligibilityRules.None;
    public decimal? UnitRate { get; init; }
    public decimal? CapPerPerson { get; init; }

    public Dictionary<string, InputError> Validate()
    {
        var errors = People.Validate();
        if (Needs.FirstOrDefault(n => NeedDomains.Find(n) is null) is { } need) errors["needs"] = new InputError("choice-unknown", need);
        if (Services.FirstOrDefault(s => s.Length > 200 || s.Any(char.IsControl)) is { } service) errors["services"] = new InputError("too-long", 200, service.Length);
        if (UnitRate is { } rate && (rate <= 0 || !Money.IsCents(rate))) errors["unit_rate"] = new InputError("money-positive");
        if (CapPerPerson is { } cap && (cap <= 0 || !Money.IsCents(cap))) errors["cap_per_person"] = new InputError("money-positive");
        return errors;
    }
}

/// <summary>Money a funder commits, through the intermediary, for a period and under rules.</summary>
public sealed record FundingStream
{
    public required string Id { get; init; }
    public required OrganizationId Funder { get; init; }
    public required string Name { get; init; }
    public required decimal Amount { get; init; }
    public required DateOnly Start { get; init; }
    public required DateOnly End { get; init; }
    public FundingMethod Method { get; init; }
    public FundingRules Rules { get; init; } = new();

    public const int MaxName = 200;

    /// <summary>Each field that is wrong; empty when the stream may be created.</summary>
    public Dictionary<string, InputError> Validate()
    {
        var errors = Rules.Validate();
        if (string.IsNullOrWhiteSpace(Name)) errors["name"] = new InputError("stream-name-required");
        else if (Name.Length > MaxName || Name.Any(char.IsControl)) errors["name"] = new InputError("too-long", MaxName, Name.Length);
        if (Amount <= 0 || !Money.IsCents(Amount) || Amount > 1_000_000_000m) errors["amount"] = new InputError("money-positive");
        if (End < Start) errors["end"] = new InputError("period-end-before-start");
        return errors;
    }

    public bool Covers(DateOnly day) => day >= Start && day <= End;
}

/// <summary>A stream's leave for one provider to bill it, up to an amount.</summary>
public sealed record Authorization(string StreamId, OrganizationId Provider, decimal Limit);
