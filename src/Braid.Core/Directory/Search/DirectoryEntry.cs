using Braid.Core.Directory.Geo;
using Braid.Core.Directory.Schedules;

namespace Braid.Core.Directory.Search;

/// <summary>A language a service is offered in (ISO 639 code and/or name).</summary>
public sealed record LanguageOffered(string? Code, string? Name);

/// <summary>A taxonomy term attached to a service: the need domain or any imported taxonomy's term.</summary>
public sealed record ServiceTerm(string Id, string? Code, string? Name);

/// <summary>A service at one location: the unit a navigator finds, with what is needed to show and rank it.</summary>
public sealed class DirectoryEntry
{
    public required string ServiceAtLocationId { get; init; }
    public required string ServiceId { get; init; }
    public required string ServiceName { get; init; }
    public string? ServiceDescription { get; init; }
    public string? OrganizationId { get; init; }
    public string? OrganizationName { get; init; }
    public string? LocationName { get; init; }
    public string? Address { get; init; }
    public GeoPoint? Point { get; init; }
    public required IReadOnlyList<ServiceTerm> Terms { get; init; }
    public required IReadOnlyList<LanguageOffered> Languages { get; init; }
    public required OpeningHours Hours { get; init; }
    public required IReadOnlyList<string> Phones { get; init; }
    public string? Eligibility { get; init; }
    public string? Fees { get; init; }
    /// <summary>HSDS assured_date: when the owning organization last confirmed the listing.</summary>
    public string? LastVerified { get; init; }

    public bool HasTerm(string codeOrId) =>
        Terms.Any(t => string.Equals(t.Code, codeOrId, StringComparison.OrdinalIgnoreCase) || t.Id == codeOrId);

    public bool SpeaksLanguage(string language) =>
        Languages.Any(l => string.Equals(l.Code, language, StringComparison.OrdinalIgnoreCase) ||
                           string.Equals(l.Name, language, StringComparison.OrdinalIgnoreCase));
}
