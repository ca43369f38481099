using Braid.Core.Partnership;
using Braid.Data.Directory;
using Braid.Data.Partnership;

namespace Braid.Application.Partnership;

/// <summary>A member as the pages show it: its name (the directory's, for an organization) and its sector code ("resident" for a resident advisory member; null when the directory gives none).</summary>
public sealed record MemberView(PartnershipMember Member, string Name, string? Sector);

/// <summary>The partnership at a glance: its members, governance documents, community input and decisions.</summary>
public sealed record GovernanceView(IReadOnlyList<MemberView> Members, IReadOnlyList<GovernanceDocument> Documents, IReadOnlyList<CommunityInput> Inputs, IReadOnlyList<Decision> Decisions);

/// <summary>One document with the members' names, and the members the caller may sign for.</summary>
public sealed record DocumentView(GovernanceDocument Document, IReadOnlyList<MemberView> Members, IReadOnlyList<MemberView> MaySignFor);

/// <summary>
/// The partnership's governance: its members, its charter and data-sharing agreements as versions
/// with signatures, and its decisions with the community input that informed them. Every staff
/// member of the community reads it; community administrators (the backbone) keep it; an
/// organization's administrators sign for their organization.
/// </summary>
public sealed class PartnershipGovernance(UseCaseContext context, GovernanceStore store)
{
    public async Task<GovernanceView> OverviewAsync(CancellationToken ct = default)
    {
        await context.AuthorizeAsync(Permission.GovernanceRead, ct: ct);
        return new GovernanceView(await MemberViewsAsync(ct), await store.DocumentsAsync(context.CommunityId, ct: ct), await store.InputsAsync(context.CommunityId, ct), await store.DecisionsAsync(context.CommunityId, ct));
    }

    /// <summary>A document; null when there is no such document.</summary>
    public async Task<DocumentView?> DocumentAsync(string id, CancellationToken ct = default)
    {
        var actor = await context.AuthorizeAsync(Permission.GovernanceRead, target: "document:" + id, ct: ct);
        if (await OneDocumentAsync(id, ct) is not { } document) return null;
        var members = await MemberViewsAsync(ct);
        return new DocumentView(document, members, [.. members.Where(m => MaySignFor(actor, m.Member))]);
    }

    // A blank id (which a route binds as null) is no document: the store reads a null one as "every document".
    private async Task<GovernanceDocument?> OneDocumentAsync(string? id, CancellationToken ct) =>
        string.IsNullOrWhiteSpace(id) ? null : (await store.DocumentsAsync(context.CommunityId, id, ct)).SingleOrDefault();

    /// <summary>Whether the caller keeps the partnership's governance, to offer the forms.</summary>
    public async Task<bool> MayManageAsync(CancellationToken ct = default) =>
        AccessPolicy.Decide(await context.Caller.ActorAsync(ct), Permission.GovernanceManage, context.CommunityId).Allowed;

    /// <summary>The directory's organizations not yet members, which may join, by name.</summary>
    public async Task<IReadOnlyList<(string Id, string Name)>> CandidatesAsync(CancellationToken ct = default)
    {
        await context.AuthorizeAsync(Permission.GovernanceManage, ct: ct);
        var members = (await store.MembersAsync(context.CommunityId, ct)).Select(m => m.Organization?.Value).ToHashSet();
        var organizations = await new HsdsReader(context.Db).OrganizationsOfSectorsAsync(context.CommunityId.Value, Sectors.AllTerms, ct);
        return [.. organizations.Where(o => !members.Contains(o.Key)).Select(o => (o.Key, o.Value ?? o.Key)).OrderBy(o => o.Item2, StringComparer.CurrentCulture)];
    }

    public async Task<IReadOnlyDictionary<string, InputError>> AddMemberAsync(string? role, string? organization, string? name, DateOnly? since, CancellationToken ct = default)
    {
        var actor = await context.AuthorizeAsync(Permission.GovernanceManage, target: "partnership", ct: ct);
        if (!Enum.TryParse<MemberRole>(role, ignoreCase: false, out var memberRole) || !Enum.IsDefined(memberRole)) return Error("role", new InputError("choice-unknown", role ?? ""));
        if (since is null) return Error("since", new InputError("date-invalid"));
        var resident = memberRole == MemberRole.ResidentAdvisor;
        var member = new PartnershipMember
        {
            Id = Guid.NewGuid().ToString(), Role = memberRole, Since = since.Value,
            Organization = resident || string.IsNullOrWhiteSpace(organization) ? null : new OrganizationId(organization.Trim()), Name = resident ? name?.Trim() : null,
        };
        var errors = member.Validate(await TodayAsync(ct));
        if (member.Organization is { } o)
        {
            if (!(await new HsdsReader(context.Db).OrganizationNamesAsync(context.CommunityId.Value, [o.Value], ct)).ContainsKey(o.Value)) errors["organization"] = new InputError("choice-unknown", o.Value);
            else if ((await store.MembersAsync(context.CommunityId, ct)).Any(m => m.Organization == o)) errors["organization"] = new InputError("member-already", o.Value);
        }

        if (errors.Count > 0) return errors;
        await context.ChangeAsync(async audit =>
        {
            store.AddMembers(context.CommunityId, [member], context.Time.GetUtcNow());
            await store.SaveAsync(ct);
            audit.Record(actor, "partnership.member", $"{member.Role} since {member.Since:yyyy-MM-dd}", member.Organization, "member:" + member.Id);
            return true;
        }, ct);
        return errors;
    }

    public async Task<(string? Id, IReadOnlyDictionary<string, InputError> Errors)> AddDocumentAsync(string? kind, string? title, string? text, CancellationToken ct = default)
    {
        var actor = await context.AuthorizeAsync(Permission.GovernanceManage, target: "partnership", ct: ct);
        if (!Enum.TryParse<DocumentKind>(kind, ignoreCase: false, out var documentKind) || !Enum.IsDefined(documentKind)) return (null, Error("kind", new InputError("choice-unknown", kind ?? "")));
        var errors = GovernanceDocument.ValidateVersion(title ?? "", text ?? "", null);
        if (errors.Count > 0) return (null, errors);
        var id = Guid.NewGuid().ToString();
        await context.ChangeAsync(async audit =>
        {
            store.AddDocument(context.CommunityId, id, documentKind, title!.Trim(), new DocumentVersion(1, text!.Trim(), null, await TodayAsync(ct), actor.Id), context.Time.GetUtcNow());
            await store.SaveAsync(ct);
            audit.Record(actor, "partnership.document", $"{documentKind} version 1", target: "document:" + id);
            return true;
        }, ct);
        return (id, errors);
    }

    /// <summary>Publishes the document's next version; the fields that are wrong.</summary>
    /// <remarks>Two administrators publishing at once both compute the same next number: the primary key lets one in and the other is told to reload.</remarks>
    public async Task<IReadOnlyDictionary<string, InputError>> PublishAsync(string id, string? text, string? summary, CancellationToken ct = default)
    {
        var actor = await context.AuthorizeAsync(Permission.GovernanceManage, target: "document:" + id, ct: ct);
        var document = await OneDocumentAsync(id, ct) ?? throw new KeyNotFoundException($"No document {id}.");
        var errors = GovernanceDocument.ValidateVersion(document.Title, text ?? "", summary);
        if (errors.Count > 0) return errors;
        if (text!.Trim() == document.Current.Text) return Error("text", new InputError("document-unchanged"));
        var version = new DocumentVersion(document.Current.Number + 1, text.Trim(), string.IsNullOrWhiteSpace(summary) ? null : summary.Trim(), await TodayAsync(ct), actor.Id);
        await context.ChangeAsync(async audit =>
        {
            store.AddVersion(context.CommunityId, id, version, context.Time.GetUtcNow());
            await store.SaveAsync(ct);
            audit.Record(actor, "partnership.publish", $"{document.Kind} version {version.Number}", target: "document:" + id);
            return true;
        }, ct);
        return errors;
    }

    /// <summary>Signs the current version for a member: an organization's administrators for it, community administrators for a resident advisory member.</summary>
    public async Task<IReadOnlyDictionary<string, InputError>> SignAsync(string id, int? version, string? member, string? signerName, string? signerTitle, CancellationToken ct = default)
    {
        var members = await store.MembersAsync(context.CommunityId, ct);
        var signing = members.SingleOrDefault(m => m.Id == member);
        var actor = signing?.Organization is { } organization
            ? await context.AuthorizeAsync(Permission.GovernanceSign, organization, "document:" + id, ct)
            : await context.AuthorizeAsync(Permission.GovernanceManage, target: "document:" + id, ct: ct);
        var document = await OneDocumentAsync(id, ct) ?? throw new KeyNotFoundException($"No document {id}.");
        if (signing is null) return Error("member", new InputError("choice-unknown", member ?? ""));
        if (version is null) return Error("version", new InputError("number-invalid"));
        if (document.RefuseSignature(signing.Id, version.Value) is { } refused) return Error("version", refused);
        var errors = new Dictionary<string, InputError>();
        if (string.IsNullOrWhiteSpace(signerName)) errors["signer_name"] = new InputError("field-required");
        else if (signerName.Length > PartnershipMember.MaxName || signerName.Any(char.IsControl)) errors["signer_name"] = new InputError("too-long", PartnershipMember.MaxName, signerName.Length);
        if (signerTitle is { Length: > PartnershipMember.MaxName }) errors["signer_title"] = new InputError("too-long", PartnershipMember.MaxName, signerTitle.Length);
        if (errors.Count > 0) return errors;
        await context.ChangeAsync(async audit =>
        {
            store.AddSignature(context.CommunityId, id, new Signature(signing.Id, version.Value, signerName!.Trim(), string.IsNullOrWhiteSpace(signerTitle) ? null : signerTitle.Trim(), context.Time.GetUtcNow()), actor.Id);
            await store.SaveAsync(ct);
            audit.Record(actor, "partnership.sign", $"{document.Kind} version {version}", signing.Organization, "document:" + id);
            return true;
        }, ct);
        return errors;
    }

    public async Task<IReadOnlyDictionary<string, InputError>> AddInputAsync(string? kind, string? title, DateOnly? heldOn, int? participants, string? summary,
        IReadOnlyDictionary<string, InputError> unreadable, CancellationToken ct = default)
    {
        var actor = await context.AuthorizeAsync(Permission.GovernanceManage, target: "partnership", ct: ct);
        if (!Enum.TryParse<InputKind>(kind, ignoreCase: false, out var inputKind) || !Enum.IsDefined(inputKind)) return Error("kind", new InputError("choice-unknown", kind ?? ""));
        if (unreadable.Count > 0) return unreadable;
        if (heldOn is null) return Error("held_on", new InputError("date-invalid"));
        var input = new CommunityInput(Guid.NewGuid().ToString(), inputKind, title?.Trim() ?? "", heldOn.Value, participants, summary?.Trim() ?? "");
        var errors = input.Validate(await TodayAsync(ct));
        if (errors.Count > 0) return errors;
        await context.ChangeAsync(async audit =>
        {
            store.AddInput(context.CommunityId, input, actor.Id);
            await store.SaveAsync(ct);
            audit.Record(actor, "partnership.input", $"{input.Kind} on {input.HeldOn:yyyy-MM-dd}", target: "input:" + input.Id);
            return true;
        }, ct);
        return errors;
    }

    public async Task<IReadOnlyDictionary<string, InputError>> DecideAsync(string? title, string? text, string? body, DateOnly? decidedOn, IReadOnlyList<string> inputs, CancellationToken ct = default)
    {
        var actor = await context.AuthorizeAsync(Permission.GovernanceManage, target: "partnership", ct: ct);
        if (decidedOn is null) return Error("decided_on", new InputError("date-invalid"));
        var decision = new Decision(Guid.NewGuid().ToString(), title?.Trim() ?? "", text?.Trim() ?? "", body?.Trim() ?? "", decidedOn.Value, [.. inputs.Distinct()]);
        var errors = decision.Validate(await TodayAsync(ct), (await store.InputsAsync(context.CommunityId, ct)).ToDictionary(i => i.Id));
        if (errors.Count > 0) return errors;
        await context.ChangeAsync(async audit =>
        {
            store.AddDecision(context.CommunityId, decision, actor.Id);
            await store.SaveAsync(ct);
            audit.Record(actor, "partnership.decision", $"{decision.Body} on {decision.DecidedOn:yyyy-MM-dd}, informed by {decision.Inputs.Count} inputs", target: "decision:" + decision.Id);
            return true;
        }, ct);
        return errors;
    }

    private bool MaySignFor(Actor actor, PartnershipMember member) => member.Organization is { } organization
        ? AccessPolicy.Decide(actor, Permission.GovernanceSign, context.CommunityId, organization).Allowed
        : AccessPolicy.Decide(actor, Permission.GovernanceManage, context.CommunityId).Allowed;

    private async Task<IReadOnlyList<MemberView>> MemberViewsAsync(CancellationToken ct)
    {
        var members = await store.MembersAsync(context.CommunityId, ct);
        var ids = members.Select(m => m.Organization?.Value).OfType<string>().ToList();
        var names = await new HsdsReader(context.Db).OrganizationNamesAsync(context.CommunityId.Value, ids, ct);
        var sectors = await Sectors.OfAsync(context.Db, context.CommunityId, ids, ct);
        return [.. members.Select(m => m.Organization is { } o
                ? new MemberView(m, names.GetValueOrDefault(o.Value) ?? o.Value, sectors.GetValueOrDefault(o.Value))
                : new MemberView(m, m.Name ?? "", "resident"))
            .OrderBy(m => m.Member.Role).ThenBy(m => m.Name, StringComparer.CurrentCulture)];
    }

    private async Task<DateOnly> TodayAsync(CancellationToken ct) => DateOnly.FromDateTime((await context.LocalNowAsync(ct)).DateTime);

    private static Dictionary<string, InputError> Error(string field, InputError error) => new() { [field] = error };
}
