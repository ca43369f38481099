namespace Braid.Core.Partnership;

/// <summary>How a member belongs to the partnership: the backbone that convenes it, a member organization, or a resident on its advisory body.</summary>
public enum MemberRole { Backbone, Organization, ResidentAdvisor }

/// <summary>
/// A member of the partnership: an organization of the directory (its sector is the directory's)
/// or a resident advisory member, who is a person and not an organization.
/// </summary>
public sealed record PartnershipMember
{
    public const int MaxName = 200;

    public required string Id { get; init; }
    public required MemberRole Role { get; init; }

    /// <summary>The directory organization; null for a resident advisory member.</summary>
    public OrganizationId? Organization { get; init; }

    /// <summary>A resident's name; an organization's comes from the directory.</summary>
    public string? Name { get; init; }
    public required DateOnly Since { get; init; }

    public Dictionary<string, InputError> Validate(DateOnly today)
    {
        var errors = new Dictionary<string, InputError>();
        if (Role == MemberRole.ResidentAdvisor)
        {
            if (string.IsNullOrWhiteSpace(Name)) errors["name"] = new InputError("field-required");
            else if (Name.Length > MaxName || Name.Any(char.IsControl)) errors["name"] = new InputError("too-long", MaxName, Name.Length);
        }
        else if (Organization is null)
        {
            errors["organization"] = new InputError("field-required");
        }

        if (!Enum.IsDefined(Role)) errors["role"] = new InputError("choice-unknown", Role.ToString());
        if (Since > today) errors["since"] = new InputError("date-in-future");
        return errors;
    }
}

/// <summary>What a governance document is: the partnership's charter, or an agreement on sharing data.</summary>
public enum DocumentKind { Charter, DataSharingAgreement }

/// <summary>One published version of a governance document; versions are never edited, a change is a new version.</summary>
public sealed record DocumentVersion(int Number, string Text, string? Summary, DateOnly PublishedOn, string PublishedBy)
{
    public const int MaxText = 100_000, MaxSummary = 1000;
}

/// <summary>A member's signature of one version of a document: who signed for it, in what capacity, when.</summary>
public sealed record Signature(string Member, int Version, string SignerName, string? SignerTitle, DateTimeOffset SignedAt);

/// <summary>
/// A charter or data-sharing agreement: its versions, newest last, and its signatures. A signature
/// binds its member to the version signed; when a new version is published, the members who signed
/// only earlier ones are asked to sign again.
/// </summary>
public sealed record GovernanceDocument(string Id, DocumentKind Kind, string Title, IReadOnlyList<DocumentVersion> Versions, IReadOnlyList<Signature> Signatures)
{
    public const int MaxTitle = 200;

    public DocumentVersion Current => Versions[^1];

    /// <summary>The members who signed the current version.</summary>
    public IReadOnlySet<string> SignedCurrent => Signatures.Where(s => s.Version == Current.Number).Select(s => s.Member).ToHashSet();

    /// <summary>The members who signed an earlier version but not the current one.</summary>
    public IReadOnlySet<string> ToSignAgain => Signatures.Where(s => s.Version < Current.Number).Select(s => s.Member).Except(SignedCurrent).ToHashSet();

    /// <summary>Why the member may not sign the version (null when they may): only the current version, and only once.</summary>
    public InputError? RefuseSignature(string member, int version) =>
        version != Current.Number ? new InputError("document-version-not-current", version, Current.Number)
        : SignedCurrent.Contains(member) ? new InputError("document-signed-already", version)
        : null;

    /// <summary>The next version, from its text; the fields that are wrong when it cannot be published.</summary>
    public static Dictionary<string, InputError> ValidateVersion(string title, string text, string? summary)
    {
        var errors = new Dictionary<string, InputError>();
        if (string.IsNullOrWhiteSpace(title)) errors["title"] = new InputError("field-required");
        else if (title.Length > MaxTitle || title.Any(char.IsControl)) errors["title"] = new InputError("too-long", MaxTitle, title.Length);
        if (string.IsNullOrWhiteSpace(text)) errors["text"] = new InputError("field-required");
        else if (text.Length > DocumentVersion.MaxText) errors["text"] = new InputError("too-long", DocumentVersion.MaxText, text.Length);
        if (summary is { Length: > DocumentVersion.MaxSummary }) errors["summary"] = new InputError("too-long", DocumentVersion.MaxSummary, summary.Length);
        return errors;
    }
}

/// <summary>Where community voice came from: a convening or symposium, a focus group, or a resident's own comment.</summary>
public enum InputKind { Convening, FocusGroup, ResidentComment }

/// <summary>Community input the partnership heard: what, when, from how many people, and what was said (in summary; no one is named).</summary>
public sealed record CommunityInput(string Id, InputKind Kind, string Title, DateOnly HeldOn, int? Participants, string Summary)
{
    public const int MaxTitle = 200, MaxSummary = 5000;

    public Dictionary<string, InputError> Validate(DateOnly today)
    {
        var errors = new Dictionary<string, InputError>();
        if (string.IsNullOrWhiteSpace(Title)) errors["title"] = new InputError("field-required");
        else if (Title.Length > MaxTitle || Title.Any(char.IsControl)) errors["title"] = new InputError("too-long", MaxTitle, Title.Length);
        if (string.IsNullOrWhiteSpace(Summary)) errors["summary"] = new InputError("field-required");
        else if (Summary.Length > MaxSummary) errors["summary"] = new InputError("too-long", MaxSummary, Summary.Length);
        if (Participants is < 1 or > 100_000) errors["participants"] = new InputError("out-of-range", 1, 100_000, Participants);
        if (HeldOn > today) errors["held_on"] = new InputError("date-in-future");
        if (!Enum.IsDefined(Kind)) errors["kind"] = new InputError("choice-unknown", Kind.ToString());
        return errors;
    }
}

/// <summary>A decision of the partnership, by which body, and the community input that informed it.</summary>
public sealed record Decision(string Id, string Title, string Text, string Body, DateOnly DecidedOn, IReadOnlyList<string> Inputs)
{
    public const int MaxTitle = 200, MaxText = 5000, MaxBody = 200;

    /// <summary>Each field that is wrong; a decision must name the input that informed it, and that input must come before it.</summary>
    public Dictionary<string, InputError> Validate(DateOnly today, IReadOnlyDictionary<string, CommunityInput> known)
    {
        var errors = new Dictionary<string, InputError>();
        if (string.IsNullOrWhiteSpace(Title)) errors["title"] = new InputError("field-required");
        else if (Title.Length > MaxTitle || Title.Any(char.IsControl)) errors["title"] = new InputError("too-long", MaxTitle, Title.Length);
        if (string.IsNullOrWhiteSpace(Text)) errors["text"] = new InputError("field-required");
        else if (Text.Length > MaxText) errors["text"] = new InputError("too-long", MaxText, Text.Length);
        if (string.IsNullOrWhiteSpace(Body)) errors["body"] = new InputError("field-required");
        else if (Body.Length > MaxBody || Body.Any(char.IsControl)) errors["body"] = new InputError("too-long", MaxBody, Body.Length);
        if (DecidedOn > today) errors["decided_on"] = new InputError("date-in-future");
        if (Inputs.Count == 0) errors["inputs"] = new InputError("decision-input-required");
        foreach (var input in Inputs)
        {
            if (!known.TryGetValue(input, out var heard)) errors["inputs"] = new InputError("choice-unknown", input);
            else if (heard.HeldOn > DecidedOn) errors["inputs"] = new InputError("decision-input-after", heard.Title);
        }

        return errors;
    }
}
