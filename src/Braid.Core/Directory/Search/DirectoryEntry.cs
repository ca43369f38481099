using Braid.Core.Directory.Eligibility;
using Braid.Core.Directory.Geo;
using Braid.Core.Directory.Schedules;

namespace Braid.Core.Directory.Search;

/// <summary>A language a service is offered in (ISO 639 code and/or name).</summary>
public sealed record LanguageOffered(string? Code, string? Name);

/// <summary>A taxonomy term attached to a service: the need domain or any imported taxonomy's term.</summary>
public sealed record ServiceTerm(string Id, string? Code, string? Name);

/// <summary>
/// An HSDS id held as a 16-byte <see cref="Guid"/> when it is a lower-case UUID (as HSDS 3.0 ids are),
/// and as the original text otherwise; a million listings' ids then cost 16 MB instead of 100.
/// </summary>
public readonly record struct EntryId(Guid Uuid, string? Text)
{
    public static EntryId From(string id) =>
        Guid.TryParseExact(id, "D", out var uuid) && uuid.ToString() == id ? new EntryId(uuid, null) : new EntryId(Guid.Empty, id);

    public override string ToString() => Text ?? Uuid.ToString();
}

/// <summary>A service at one location: the unit a navigator finds, with what is needed to show and rank it.</summary>
public sealed class DirectoryEntry
{
    private readonly EntryId _serviceAtLocationId, _serviceId;

    public required string ServiceAtLocationId { get => _serviceAtLocationId.ToString(); init => _serviceAtLocationId = EntryId.From(value); }
    public EntryId ServiceAtLocationKey => _serviceAtLocationId;
    public required string ServiceId { get => _serviceId.ToString(); init => _serviceId = EntryId.From(value); }
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

    /// <summary>The eligibility rules beside the text (<see cref="EligibilityRules"/>); listings with the same rules share one.</summary>
    public EligibilityRules Rules { get; init; } = EligibilityRules.None;

    /// <summary>HSDS minimum_age and maximum_age: the ages the service is for, either end open when not given.</summary>
    public double? MinimumAge => Rules.MinimumAge;
    public double? MaximumAge => Rules.MaximumAge;

    /// <summary>
    /// Whether the service costs nothing: its HSDS fees description begins with "free", "no cost",
    /// "no fee", "gratis" or "sin costo". HSDS 3.0 gives fees as text; a service that says nothing is not called free.
    /// </summary>
    public bool IsFree => Fees is { } fees && FreeWords.Any(w => fees.TrimStart().StartsWith(w, StringComparison.OrdinalIgnoreCase));

    private static readonly string[] FreeWords = ["free", "no cost", "no fee", "gratis", "sin costo"];
    /// <summary>The location's HSDS accessibility descriptions (step-free entrance, accessible restroom…), joined; null when it gives none.</summary>
    public string? Accessibility { get; init; }

    /// <summary>HSDS assured_date: when the owning organization last confirmed the listing.</summary>
    public string? LastVerified { get; init; }
}
