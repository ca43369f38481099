using System.Text.Json.Serialization;

namespace Braid.Core.Equity;

/// <summary>
/// What to analyse and how: the outcome (or, for a published table, the estimate with its standard
/// error and population), the grouping, the covariates to adjust for, the reference and direction.
/// The same options as <c>braid equity report</c>, and the options of <c>POST /api/equity/report</c>
/// under the JSON names given here.
/// </summary>
public record EquityRequest
{
    /// <summary>The outcome column: 0/1, a count (with <see cref="Exposure"/>), events (with <see cref="Population"/>) or a measurement.</summary>
    public string? Outcome { get; init; }

    /// <summary>The grouping column, e.g. race, HOLC grade.</summary>
    public string By { get; init; } = "";

    /// <summary>Categorical covariates the race test adjusts for.</summary>
    public IReadOnlyList<string> Adjust { get; init; } = [];

    /// <summary>Person-time or population at risk: the outcome is then a count and the estimate a rate.</summary>
    public string? Exposure { get; init; }

    /// <summary>For a published table (one row per group): the estimate column; needs <see cref="StandardError"/> and <see cref="Population"/>.</summary>
    public string? Estimate { get; init; }

    [JsonPropertyName("se")]
    public string? StandardError { get; init; }

    /// <summary>People per row: with an outcome, the outcome is events out of them; with an estimate, the group's population.</summary>
    public string? Population { get; init; }

    /// <summary>Ordered groups, most disadvantaged first (e.g. D, C, B, A).</summary>
    public IReadOnlyList<string>? Order { get; init; }

    /// <summary>"best", "average", a group's name, or for ordered groups (the default there) "advantaged".</summary>
    public string? Reference { get; init; }

    /// <summary>True when a higher value is better, false when it is worse; null means assumed better, and the report says so.</summary>
    public bool? Favourable { get; init; }

    /// <summary>A period column: the test per period and whether the gap narrows.</summary>
    public string? Period { get; init; }

    /// <summary>A stratum column (e.g. county): the report for each value, and pooled.</summary>
    public string? Per { get; init; }

    /// <summary>A 0/1 decision column (e.g. flagged by a screening, referral accepted) audited against the 0/1 outcome: rates and parity per group.</summary>
    public string? Decision { get; init; }

    /// <summary>The parity band of the decision audit: a disparity within [τ, 1/τ] counts as parity.</summary>
    [JsonPropertyName("parity")]
    public double ParityThreshold { get; init; } = 0.8;

    /// <summary>How multiple race selections are counted; null means the Multiracial view when the column is race, none otherwise.</summary>
    public RaceView? RaceView { get; init; }

    /// <summary>Figures from fewer than this many people are withheld (0 turns suppression off).</summary>
    [JsonPropertyName("minCell")]
    public int MinimumCell { get; init; } = 11;

    /// <summary>True when the units are areas (tracts), to which small-cell suppression of people does not apply.</summary>
    [JsonPropertyName("areas")]
    public bool UnitsAreAreas { get; init; }

    public string? Title { get; init; }

    /// <summary>Data sources and their licences, cited in the report: those of the stored data used, never the caller's word.</summary>
    [JsonIgnore]
    public IReadOnlyList<string> Sources { get; init; } = [];
}
