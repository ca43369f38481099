using Braid.Core.Access;

namespace Braid.Core.People;

/// <summary>
/// What a person's data is made of, for consent. The last five are sensitive: they never reach a
/// list, export or API answer for a grantee unless a consent names them.
/// </summary>
public enum DataCategory
{
    Demographics, Contact, Screening, FoodInsecurity, HousingInstability, Transportation, Utilities,
    InterpersonalSafety, SubstanceUse, Hiv, Immigration, Legal,
}

/// <summary>Why the data is used.</summary>
public enum Purpose { CareCoordination, Payment, Analytics }

/// <summary>Who a consent is given to: one organization, everyone in the network holding a role, or the whole network.</summary>
public enum GranteeKind { Organization, Role, Network }

public sealed record Grantee(GranteeKind Kind, string? Value = null)
{
    public static Grantee Organization(OrganizationId id) => new(GranteeKind.Organization, id.Value);

    public static Grantee Role(string role) => new(GranteeKind.Role, role);

    public static readonly Grantee Network = new(GranteeKind.Network);

    public bool Covers(Actor actor) => Kind switch
    {
        GranteeKind.Organization => actor.Memberships.Any(m => m.OrganizationId.Value == Value),
        GranteeKind.Role => actor.Kind == ActorKind.User && actor.Memberships.Any(m => m.Role == Value),
        _ => actor.Kind is ActorKind.User or ActorKind.Client,
    };
}

/// <summary>How the consent was given.</summary>
public enum ConsentMethod { InPerson, ElectronicSignature, Verbal }

/// <summary>
/// A person's permission for a grantee to use some categories of their data for some purposes,
/// from a start to an optional end, until revoked. Revocation takes effect on the next request.
/// </summary>
public sealed record PersonConsent
{
    public required ConsentId Id { get; init; }
    public required PersonId Person { get; init; }
    public required Grantee Grantee { get; init; }
    public required IReadOnlySet<DataCategory> Categories { get; init; }
    public required IReadOnlySet<Purpose> Purposes { get; init; }
    public required DateTimeOffset Start { get; init; }
    public DateTimeOffset? End { get; init; }
    public DateTimeOffset? RevokedAt { get; init; }
    public required ConsentMethod Method { get; init; }

    /// <summary>Who witnessed a verbal consent (required for one).</summary>
    public string? Witness { get; init; }

    /// <summary>The language the consent was explained and given in.</summary>
    public required string Language { get; init; }
    public required string RecordedBy { get; init; }

    public bool ActiveAt(DateTimeOffset at) => (RevokedAt is null || at < RevokedAt) && Start <= at && (End is null || at < End);

    public static bool IsSensitive(DataCategory category) => category >= DataCategory.InterpersonalSafety;

    /// <summary>Data disclosed under 42 CFR Part 2 (substance use) carries the notice against re-disclosure.</summary>
    public const string Part2Notice = "42 CFR part 2 prohibits unauthorized use or disclosure of these records.";

    public static Dictionary<string, InputError> Validate(PersonConsent consent)
    {
        var errors = new Dictionary<string, InputError>();
        if (consent.Categories.Count == 0) errors["categories"] = new InputError("consent-no-categories");
        if (consent.Purposes.Count == 0) errors["purposes"] = new InputError("consent-no-purposes");
        if (consent.End is { } end && end <= consent.Start) errors["end"] = new InputError("consent-ends-before-start");
        if (consent.Method == ConsentMethod.Verbal && string.IsNullOrWhiteSpace(consent.Witness)) errors["witness"] = new InputError("consent-verbal-witness");
        if (consent.Grantee.Kind != GranteeKind.Network && string.IsNullOrWhiteSpace(consent.Grantee.Value)) errors["grantee"] = new InputError("consent-grantee");
        if (consent.Grantee.Kind == GranteeKind.Role && !Roles.All.Contains(consent.Grantee.Value!)) errors["grantee"] = new InputError("choice-unknown", consent.Grantee.Value!);
        return errors;
    }
}
