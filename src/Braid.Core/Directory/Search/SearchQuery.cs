using Braid.Core.Directory.Eligibility;
using Braid.Core.Directory.Geo;

namespace Braid.Core.Directory.Search;

/// <summary>What a navigator asks the directory. All given criteria must hold (AND).</summary>
public sealed record SearchQuery
{
    /// <summary>A need-domain code or any taxonomy term code or id.</summary>
    public string? Need { get; init; }
    public GeoPoint? Origin { get; init; }
    public double? RadiusKm { get; init; }
    /// <summary>ISO 639 code or language name.</summary>
    public string? Language { get; init; }
    public bool OpenNow { get; init; }

    /// <summary>Only services that open at some time on this date, in their own time zone (a navigator planning a visit).</summary>
    public DateOnly? OpenOn { get; init; }

    /// <summary>Only services that cost nothing (<see cref="DirectoryEntry.IsFree"/>).</summary>
    public bool Free { get; init; }

    /// <summary>Only services at a location that describes its accessibility arrangements (HSDS accessibility).</summary>
    public bool Accessible { get; init; }

    /// <summary>Only services for a person of this age.</summary>
    public int? Age { get; init; }
    /// <summary>What is known about the person the search is for: each result is judged against its eligibility rules.</summary>
    public PersonFacts? For { get; init; }

    /// <summary>Leaves out the services the person searched for (<see cref="For"/>) is likely not eligible for; "unknown" stays.</summary>
    public bool HideIneligible { get; init; }

    /// <summary>Free text; every word must appear in the service's name, organization, description or terms.</summary>
    public string? Text { get; init; }
    /// <summary>The moment "open now" refers to.</summary>
    public DateTimeOffset At { get; init; }
    public int Page { get; init; } = 1;
    public int PerPage { get; init; } = 20;

    public const int MaxPerPage = 100;
}

/// <summary>One result: the entry, how far it is, whether it is open, and why it matched.</summary>
public sealed record SearchHit(DirectoryEntry Entry, double? DistanceKm, bool? OpenNow, int Relevance, IReadOnlyList<MatchReason> Reasons)
{
    /// <summary>The person's likely eligibility, when the search was for someone (<see cref="SearchQuery.For"/>).</summary>
    public EligibilityJudgement? Eligibility { get; init; }
}

/// <summary>Why a result matched, as data so each page can word it in its own language.</summary>
public sealed record MatchReason(string Kind, string Detail);

/// <summary>One page of results and the total that matched.</summary>
public sealed record SearchResults(int TotalItems, int Page, int PerPage, IReadOnlyList<SearchHit> Hits)
{
    public int TotalPages => TotalItems == 0 ? 0 : (TotalItems + PerPage - 1) / PerPage;
}
