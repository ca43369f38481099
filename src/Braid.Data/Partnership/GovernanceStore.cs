using System.Globalization;
using System.Text.Json;
using Braid.Core;
using Braid.Core.Partnership;

namespace Braid.Data.Partnership;

public sealed class PartnershipMemberRow
{
    public string CommunityId { get; set; } = "";
    public string Id { get; set; } = "";
    public string Role { get; set; } = "";
    public string? OrganizationId { get; set; }
    public string? Name { get; set; }
    public string Since { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}

public sealed class GovernanceDocumentRow
{
    public string CommunityId { get; set; } = "";
    public string Id { get; set; } = "";
    public string Kind { get; set; } = "";
    public string Title { get; set; } = "";
}

public sealed class DocumentVersionRow
{
    public string CommunityId { get; set; } = "";
    public string DocumentId { get; set; } = "";
    public int Version { get; set; }
    public string Text { get; set; } = "";
    public string? Summary { get; set; }
    public string PublishedOn { get; set; } = "";
    public string PublishedBy { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}

public sealed class DocumentSignatureRow
{
    public string CommunityId { get; set; } = "";
    public string DocumentId { get; set; } = "";
    public int Version { get; set; }
    public string MemberId { get; set; } = "";
    public string SignerName { get; set; } = "";
    public string? SignerTitle { get; set; }
    public string SignedBy { get; set; } = "";
    public DateTimeOffset SignedAt { get; set; }
}

public sealed class CommunityInputRow
{
    public string CommunityId { get; set; } = "";
    public string Id { get; set; } = "";
    public string Kind { get; set; } = "";
    public string Title { get; set; } = "";
    public string HeldOn { get; set; } = "";
    public int? Participants { get; set; }
    public string Summary { get; set; } = "";
    public string RecordedBy { get; set; } = "";
}

public sealed class DecisionRow
{
    public string CommunityId { get; set; } = "";
    public string Id { get; set; } = "";
    public string Title { get; set; } = "";
    public string Text { get; set; } = "";
    public string Body { get; set; } = "";
    public string DecidedOn { get; set; } = "";
    public string Inputs { get; set; } = "[]";
    public string RecordedBy { get; set; } = "";
}

/// <summary>The partnership's members, governance documents with their versions and signatures, community input and decisions.</summary>
public sealed class GovernanceStore(BraidDbContext db)
{
    public async Task<IReadOnlyList<PartnershipMember>> MembersAsync(CommunityId community, CancellationToken ct = default) =>
        [.. (await db.PartnershipMembers.AsNoTracking().Where(m => m.CommunityId == community.Value).ToListAsync(ct)).Select(r => new PartnershipMember
        {
            Id = r.Id, Role = Enum.Parse<MemberRole>(r.Role), Organization = r.OrganizationId is { } o ? new OrganizationId(o) : null, Name = r.Name, Since = Day(r.Since),
        })];

    /// <summary>Adds members in the caller's transaction (saved by the caller).</summary>
    public void AddMembers(CommunityId community, IEnumerable<PartnershipMember> members, DateTimeOffset now) =>
        db.PartnershipMembers.AddRange(members.Select(m => new PartnershipMemberRow
        {
            CommunityId = community.Value, Id = m.Id, Role = m.Role.ToString(), OrganizationId = m.Organization?.Value, Name = m.Name, Since = Day(m.Since), CreatedAt = now,
        }));

    public async Task<IReadOnlyList<GovernanceDocument>> DocumentsAsync(CommunityId community, string? id = null, CancellationToken ct = default)
    {
        var c = community.Value;
        var documents = await db.GovernanceDocuments.AsNoTracking().Where(d => d.CommunityId == c && (id == null || d.Id == id)).OrderBy(d => d.Kind).ThenBy(d => d.Title).ToListAsync(ct);
        var versions = (await db.DocumentVersions.AsNoTracking().Where(v => v.CommunityId == c && (id == null || v.DocumentId == id)).ToListAsync(ct)).ToLookup(v => v.DocumentId);
        var signatures = (await db.DocumentSignatures.AsNoTracking().Where(s => s.CommunityId == c && (id == null || s.DocumentId == id)).ToListAsync(ct)).ToLookup(s => s.DocumentId);
        return [.. documents.Select(d => new GovernanceDocument(d.Id, Enum.Parse<DocumentKind>(d.Kind), d.Title,
            [.. versions[d.Id].OrderBy(v => v.Version).Select(v => new DocumentVersion(v.Version, v.Text, v.Summary, Day(v.PublishedOn), v.PublishedBy))],
            [.. signatures[d.Id].OrderBy(s => s.SignedAt).Select(s => new Signature(s.MemberId, s.Version, s.SignerName, s.SignerTitle, s.SignedAt))]))];
    }

    /// <summary>Adds a document with its first version, in the caller's transaction (saved by the caller).</summary>
    public void AddDocument(CommunityId community, string id, DocumentKind kind, string title, DocumentVersion first, DateTimeOffset now)
    {
        db.GovernanceDocuments.Add(new GovernanceDocumentRow { CommunityId = community.Value, Id = id, Kind = kind.ToString(), Title = title });
        AddVersion(community, id, first, now);
    }

    /// <summary>Adds a version (saved by the caller); the primary key refuses a second writer of the same number.</summary>
    public void AddVersion(CommunityId community, string document, DocumentVersion version, DateTimeOffset now) =>
        db.DocumentVersions.Add(new DocumentVersionRow
        {
            CommunityId = community.Value, DocumentId = document, Version = version.Number, Text = version.Text, Summary = version.Summary,
            PublishedOn = Day(version.PublishedOn), PublishedBy = version.PublishedBy, CreatedAt = now,
        });

    /// <summary>Adds a signature (saved by the caller); the primary key refuses a second signature of one version by one member.</summary>
    public void AddSignature(CommunityId community, string document, Signature signature, string by) =>
        db.DocumentSignatures.Add(new DocumentSignatureRow
        {
            CommunityId = community.Value, DocumentId = document, Version = signature.Version, MemberId = signature.Member, SignerName = signature.SignerName,
            SignerTitle = signature.SignerTitle, SignedBy = by, SignedAt = signature.SignedAt,
        });

    public async Task<IReadOnlyList<CommunityInput>> InputsAsync(CommunityId community, CancellationToken ct = default) =>
        [.. (await db.CommunityInputs.AsNoTracking().Where(i => i.CommunityId == community.Value).ToListAsync(ct))
            .Select(r => new CommunityInput(r.Id, Enum.Parse<InputKind>(r.Kind), r.Title, Day(r.HeldOn), r.Participants, r.Summary)).OrderByDescending(i => i.HeldOn)];

    public void AddInput(CommunityId community, CommunityInput input, string by) =>
        db.CommunityInputs.Add(new CommunityInputRow
        {
            CommunityId = community.Value, Id = input.Id, Kind = input.Kind.ToString(), Title = input.Title, HeldOn = Day(input.HeldOn), Participants = input.Participants,
            Summary = input.Summary, RecordedBy = by,
        });

    public async Task<IReadOnlyList<Decision>> DecisionsAsync(CommunityId community, CancellationToken ct = default) =>
        [.. (await db.Decisions.AsNoTracking().Where(d => d.CommunityId == community.Value).ToListAsync(ct))
            .Select(r => new Decision(r.Id, r.Title, r.Text, r.Body, Day(r.DecidedOn), JsonSerializer.Deserialize<List<string>>(r.Inputs)!)).OrderByDescending(d => d.DecidedOn)];

    public void AddDecision(CommunityId community, Decision decision, string by) =>
        db.Decisions.Add(new DecisionRow
        {
            CommunityId = community.Value, Id = decision.Id, Title = decision.Title, Text = decision.Text, Body = decision.Body, DecidedOn = Day(decision.DecidedOn),
            Inputs = JsonSerializer.Serialize(decision.Inputs), RecordedBy = by,
        });

    /// <summary>Writes a whole partnership's governance at once (the demo's).</summary>
    public async Task SeedAsync(CommunityId community, IReadOnlyList<PartnershipMember> members, IReadOnlyList<GovernanceDocument> documents, IReadOnlyList<CommunityInput> inputs,
        IReadOnlyList<Decision> decisions, DateTimeOffset now, CancellationToken ct = default)
    {
        AddMembers(community, members, now);
        foreach (var d in documents)
        {
            AddDocument(community, d.Id, d.Kind, d.Title, d.Versions[0], now);
            foreach (var v in d.Versions.Skip(1)) AddVersion(community, d.Id, v, now);
            foreach (var s in d.Signatures) AddSignature(community, d.Id, s, "demo");
        }

        foreach (var i in inputs) AddInput(community, i, "demo");
        foreach (var d in decisions) AddDecision(community, d, "demo");
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Saves what was added; a version or signature someone else wrote first (a double click, two administrators at once) is refused whole.</summary>
    public async Task SaveAsync(CancellationToken ct = default)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (Referrals.ReferralStore.IsUniqueViolation(e))
        {
            throw new Referrals.ConcurrentChangeException("Someone else published or signed this version first; nothing was saved. Read the document again.");
        }
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly Day(string day) => DateOnly.ParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
