using System.Globalization;
using Braid.Core.Directory.Eligibility;

namespace Braid.Core.Funding;

/// <summary>A new funding stream as typed in a form: every field text, parsed into a stream or the fields that are wrong.</summary>
public sealed record FundingStreamForm
{
    public string? Name { get; init; }
    public string? Funder { get; init; }
    public string? Amount { get; init; }
    public string? Start { get; init; }
    public string? End { get; init; }
    public string? Method { get; init; }
    /// <summary>Need category codes (an array, so a form's repeated field binds to it).</summary>
    public string[] Needs { get; init; } = [];

    /// <summary>Service names, one per line.</summary>
    public string? Services { get; init; }
    public string? MinimumAge { get; init; }
    public string? MaximumAge { get; init; }
    public string? IncomeLimit { get; init; }
    public string? Counties { get; init; }
    public string? Zips { get; init; }
    public string? UnitRate { get; init; }
    public string? CapPerPerson { get; init; }

    public (FundingStream? Stream, Dictionary<string, InputError> Errors) Parse(string id)
    {
        var errors = new Dictionary<string, InputError>();
        decimal? Money(string field, string? text, bool required)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                if (required) errors[field] = new InputError("money-positive");
                return null;
            }

            if (decimal.TryParse(text.Trim().TrimStart('$').Replace(",", "", StringComparison.Ordinal), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)) return value;
            errors[field] = new InputError("money-positive");
            return null;
        }

        DateOnly Day(string field, string? text)
        {
            if (DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) return day;
            errors[field] = new InputError("date-invalid");
            return default;
        }

        double? Age(string field, string? text)
        {
            if (string.IsNullOrWhiteSpace(text)) return null;
            if (double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var age)) return age;
            errors[field] = new InputError("age-range", 0, 130);
            return null;
        }

        var amount = Money("amount", Amount, required: true);
        var (start, end) = (Day("start", Start), Day("end", End));
        var method = Method switch
        {
            "braided" or null or "" => FundingMethod.Braided,
            "blended" => FundingMethod.Blended,
            _ => (FundingMethod?)null,
        };
        if (method is null) errors["method"] = new InputError("choice-unknown", Method!);
        int? limit = null;
        if (!string.IsNullOrWhiteSpace(IncomeLimit))
        {
            limit = int.TryParse(IncomeLimit.Trim().TrimEnd('%'), NumberStyles.None, CultureInfo.InvariantCulture, out var percent) ? percent : 0;
        }

        var stream = new FundingStream
        {
            Id = id, Funder = new OrganizationId(Funder?.Trim() ?? ""), Name = Name?.Trim() ?? "", Amount = amount ?? 0, Start = start, End = end, Method = method ?? FundingMethod.Braided,
            Rules = new FundingRules
            {
                Needs = [.. Needs.Where(n => n.Length > 0).Distinct().Order(StringComparer.Ordinal)],
                Services = EligibilityRules.Lines((Services ?? "").Split('\n')),
                People = new EligibilityRules
                {
                    MinimumAge = Age("minimum_age", MinimumAge), MaximumAge = Age("maximum_age", MaximumAge), IncomeLimitPercent = limit,
                    Counties = EligibilityRules.Split(Counties), Zips = EligibilityRules.Split(Zips),
                },
                UnitRate = Money("unit_rate", UnitRate, required: false), CapPerPerson = Money("cap_per_person", CapPerPerson, required: false),
            },
        };

        // A field that did not parse keeps its own message; the stream's rules speak for the rest.
        foreach (var (field, error) in stream.Validate()) errors.TryAdd(field, error);
        if (string.IsNullOrWhiteSpace(Funder)) errors["funder"] = new InputError("choice-unknown", "");
        return (errors.Count == 0 ? stream : null, errors);
    }
}
