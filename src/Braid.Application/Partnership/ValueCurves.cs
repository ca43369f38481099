using Braid.Core.Partnership;
using Braid.Data.Directory;
using Braid.Data.Partnership;

namespace Braid.Application.Partnership;

/// <summary>An organization on the curve: its name, its assessments oldest first, and its plan for each dimension.</summary>
public sealed record OrganizationCurve(OrganizationId Organization, string Name, IReadOnlyList<ValueCurveAssessment> Assessments, IReadOnlyList<ActionPlan> Plans)
{
    public ValueCurveAssessment? First => Assessments.Where(a => a.Program is null).FirstOrDefault();
    public ValueCurveAssessment? Latest => Assessments.Where(a => a.Program is null).LastOrDefault();
}

/// <summary>
/// The Human Services Value Curve in the partnership: organizations' self-assessments over time,
/// their action plans (top five steps per dimension), a partnership view across organizations,
/// and the partnership's own rubric text.
/// </summary>
public sealed class ValueCurves(UseCaseContext context, ValueCurveStore store)
{
    /// <summary>The organizations the caller may see on the curve (all that assessed themselves for analysts; their own for organization administrators), by name.</summary>
    public async Task<IReadOnlyList<OrganizationCurve>> PartnershipAsync(CancellationToken ct = default)
    {
        var actor = await context.AuthorizeAsync(Permission.ValueCurveRead, ct: ct);
        var wholePartnership = actor.HasRole(Roles.Analyst) || actor.HasRole(Roles.CommunityAdmin) || actor.Kind == ActorKind.Operator;
        var own = AccessPolicy.OrganizationsAllowed(actor, Permission.ValueCurveRead, context.CommunityId).Select(o => o.Value).ToList();
        var assessments = await store.AssessmentsAsync(context.CommunityId, wholePartnership ? null : own, ct);
        var ids = assessments.Select(a => a.Organization.Value).Concat(wholePartnership ? [] : own).Distinct().ToList();
        var names = await new HsdsReader(context.Db).OrganizationNamesAsync(context.CommunityId.Value, ids, ct);
        var byOrganization = assessments.ToLookup(a => a.Organization.Value);
        return [.. ids.Select(id => new OrganizationCurve(new OrganizationId(id), names.GetValueOrDefault(id) ?? id, [.. byOrganization[id]], []))
            .OrderBy(o => o.Name, StringComparer.CurrentCulture)];
    }

    public async Task<OrganizationCurve> OrganizationAsync(OrganizationId organization, CancellationToken ct = default)
    {
        await context.AuthorizeAsync(Permission.ValueCurveRead, organization, "organization:" + organization, ct);
        var names = await new HsdsReader(context.Db).OrganizationNamesAsync(context.CommunityId.Value, [organization.Value], ct);
        if (!names.TryGetValue(organization.Value, out var name)) throw new KeyNotFoundException($"No organization {organization}.");
        return new OrganizationCurve(organization, name ?? organization.Value, await store.AssessmentsAsync(context.CommunityId, [organization.Value], ct), await store.PlansAsync(context.CommunityId, organization, ct));
    }

    /// <summary>Whether the caller may assess the organization, to offer the forms.</summary>
    public async Task<bool> MayAssessAsync(OrganizationId organization, CancellationToken ct = default) =>
        AccessPolicy.Decide(await context.Caller.ActorAsync(ct), Permission.ValueCurveAssess, context.CommunityId, organization).Allowed;

    /// <summary>Records a self-assessment; the fields that are wrong (none when recorded).</summary>
    /// <remarks>A date the form could not read comes as null, so the caller is authorized before any field is judged.</remarks>
    public async Task<IReadOnlyDictionary<string, InputError>> AssessAsync(OrganizationId organization, string? program, DateOnly? assessedOn,
        IReadOnlyDictionary<ValueDimension, ValueLevel> levels, IReadOnlyDictionary<ValueDimension, string> evidence, CancellationToken ct = default)
    {
        var actor = await context.AuthorizeAsync(Permission.ValueCurveAssess, organization, "organization:" + organization, ct);
        if (assessedOn is null) return new Dictionary<string, InputError> { ["assessed_on"] = new InputError("date-invalid") };
        var assessment = new ValueCurveAssessment
        {
            Id = Guid.NewGuid().ToString(), Organization = organization, Program = string.IsNullOrWhiteSpace(program) ? null : program.Trim(), AssessedOn = assessedOn.Value,
            Levels = levels, Evidence = evidence.Where(e => !string.IsNullOrWhiteSpace(e.Value)).ToDictionary(e => e.Key, e => e.Value.Trim()), AssessedBy = actor.Id,
        };
        var errors = assessment.Validate(DateOnly.FromDateTime((await context.LocalNowAsync(ct)).DateTime));
        if (errors.Count > 0) return errors;
        await context.ChangeAsync(async audit =>
        {
            await store.AddAsync(context.CommunityId, assessment, context.Time.GetUtcNow(), ct);
            audit.Record(actor, "value-curve.assess", string.Join(" ", levels.OrderBy(l => l.Key).Select(l => (int)l.Value)), organization, "value-curve:" + assessment.Id);
            return true;
        }, ct);
        return errors;
    }

    /// <summary>Replaces the organization's plan for a dimension (by its field name; steps with no words are dropped); the fields that are wrong, with those the form could not read.</summary>
    public async Task<IReadOnlyDictionary<string, InputError>> SavePlanAsync(OrganizationId organization, string? field, IReadOnlyList<ActionStep> steps,
        IReadOnlyDictionary<string, InputError> unreadable, CancellationToken ct = default)
    {
        var actor = await context.AuthorizeAsync(Permission.ValueCurveAssess, organization, "organization:" + organization, ct);
        if (!Enum.GetValues<ValueDimension>().Any(d => ValueCurveAssessment.Field(d) == field)) return new Dictionary<string, InputError> { ["dimension"] = new InputError("choice-unknown", field ?? "") };
        if (unreadable.Count > 0) return unreadable;
        var dimension = Enum.GetValues<ValueDimension>().Single(d => ValueCurveAssessment.Field(d) == field);
        var plan = new ActionPlan(organization, dimension, [.. steps.Where(s => !string.IsNullOrWhiteSpace(s.Text)).Select((s, i) => s with { Rank = i + 1, Text = s.Text.Trim(), Owner = string.IsNullOrWhiteSpace(s.Owner) ? null : s.Owner.Trim() })]);
        var errors = plan.Validate();
        if (errors.Count > 0) return errors;
        await context.ChangeAsync(async audit =>
        {
            await store.SavePlanAsync(context.CommunityId, plan, actor.Id, context.Time.GetUtcNow(), ct);
            audit.Record(actor, "value-curve.plan", $"{dimension}: {plan.Steps.Count} steps", organization, "organization:" + organization);
            return true;
        }, ct);
        return errors;
    }

    /// <summary>The partnership's own rubric text (cells it has not worded are missing: Braid's wording applies).</summary>
    public async Task<IReadOnlyDictionary<(ValueDimension, ValueLevel), string>> RubricAsync(CancellationToken ct = default)
    {
        await context.AuthorizeAsync(Permission.ValueCurveRead, ct: ct);
        return await store.RubricAsync(context.CommunityId, ct);
    }

    public async Task<IReadOnlyDictionary<string, InputError>> SaveRubricAsync(IReadOnlyDictionary<(ValueDimension Dimension, ValueLevel Level), string> texts, CancellationToken ct = default)
    {
        var actor = await context.AuthorizeAsync(Permission.ValueCurveRubric, ct: ct);
        var errors = texts.Where(t => t.Value.Length > ValueCurveAssessment.MaxEvidence)
            .ToDictionary(t => $"{ValueCurveAssessment.Field(t.Key.Dimension)}-{(int)t.Key.Level}", t => new InputError("too-long", ValueCurveAssessment.MaxEvidence, t.Value.Length));
        if (errors.Count > 0) return errors;
        await context.ChangeAsync(async audit =>
        {
            await store.SaveRubricAsync(context.CommunityId, texts.ToDictionary(t => t.Key, t => t.Value.Trim()), ct);
            audit.Record(actor, "value-curve.rubric", $"{texts.Count(t => t.Value.Trim().Length > 0)} cells worded by the partnership");
            return true;
        }, ct);
        return errors;
    }
}
