using System.Globalization;
using System.Text.Json;
using Braid.Core;
using Braid.Core.Partnership;

namespace Braid.Data.Partnership;

public sealed class ValueCurveAssessmentRow
{
    public string CommunityId { get; set; } = "";
    public string Id { get; set; } = "";
    public string OrganizationId { get; set; } = "";
    public string? Program { get; set; }
    public string AssessedOn { get; set; } = "";
    public string Levels { get; set; } = "{}";
    public string Evidence { get; set; } = "{}";
    public string AssessedBy { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}

public sealed class ValueCurveStepRow
{
    public string CommunityId { get; set; } = "";
    public string OrganizationId { get; set; } = "";
    public string Dimension { get; set; } = "";
    public int Rank { get; set; }
    public string Text { get; set; } = "";
    public string? Owner { get; set; }
    public string? DueOn { get; set; }
    public string? DoneOn { get; set; }
    public string UpdatedBy { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }
}

public sealed class ValueCurveRubricRow
{
    public string CommunityId { get; set; } = "";
    public string Dimension { get; set; } = "";
    public int Level { get; set; }
    public string Text { get; set; } = "";
}

/// <summary>Value Curve assessments, action plans and a partnership's own rubric text.</summary>
public sealed class ValueCurveStore(BraidDbContext db)
{
    public async Task AddAsync(CommunityId community, ValueCurveAssessment assessment, DateTimeOffset now, CancellationToken ct = default)
    {
        db.ValueCurveAssessments.Add(new ValueCurveAssessmentRow
        {
            CommunityId = community.Value, Id = assessment.Id, OrganizationId = assessment.Organization.Value, Program = assessment.Program, AssessedOn = Day(assessment.AssessedOn),
            Levels = JsonSerializer.Serialize(assessment.Levels.ToDictionary(l => l.Key.ToString(), l => (int)l.Value)),
            Evidence = JsonSerializer.Serialize(assessment.Evidence.ToDictionary(e => e.Key.ToString(), e => e.Value)), AssessedBy = assessment.AssessedBy, CreatedAt = now,
        });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Assessments, oldest first: of the organizations given, or of every organization when null.</summary>
    public async Task<IReadOnlyList<ValueCurveAssessment>> AssessmentsAsync(CommunityId community, IReadOnlyCollection<string>? organizations = null, CancellationToken ct = default)
    {
        var rows = await db.ValueCurveAssessments.AsNoTracking()
            .Where(a => a.CommunityId == community.Value && (organizations == null || organizations.Contains(a.OrganizationId)))
            .OrderBy(a => a.AssessedOn).ThenBy(a => a.CreatedAt).ToListAsync(ct);
        return [.. rows.Select(r => new ValueCurveAssessment
        {
            Id = r.Id, Organization = new OrganizationId(r.OrganizationId), Program = r.Program, AssessedOn = DateOnly.Parse(r.AssessedOn, CultureInfo.InvariantCulture),
            Levels = JsonSerializer.Deserialize<Dictionary<string, int>>(r.Levels)!.ToDictionary(l => Enum.Parse<ValueDimension>(l.Key), l => (ValueLevel)l.Value),
            Evidence = JsonSerializer.Deserialize<Dictionary<string, string>>(r.Evidence)!.ToDictionary(e => Enum.Parse<ValueDimension>(e.Key), e => e.Value),
            AssessedBy = r.AssessedBy,
        })];
    }

    /// <summary>Replaces an organization's plan for one dimension.</summary>
    public async Task SavePlanAsync(CommunityId community, ActionPlan plan, string by, DateTimeOffset now, CancellationToken ct = default)
    {
        var dimension = plan.Dimension.ToString();
        await db.ValueCurveSteps.Where(s => s.CommunityId == community.Value && s.OrganizationId == plan.Organization.Value && s.Dimension == dimension).ExecuteDeleteAsync(ct);
        db.ValueCurveSteps.AddRange(plan.Steps.Select(s => new ValueCurveStepRow
        {
            CommunityId = community.Value, OrganizationId = plan.Organization.Value, Dimension = dimension, Rank = s.Rank, Text = s.Text, Owner = s.Owner,
            DueOn = s.Due is { } due ? Day(due) : null, DoneOn = s.Done is { } done ? Day(done) : null, UpdatedBy = by, UpdatedAt = now,
        }));
        await db.SaveChangesAsync(ct);
    }

    public async Task<IReadOnlyList<ActionPlan>> PlansAsync(CommunityId community, OrganizationId organization, CancellationToken ct = default)
    {
        var rows = await db.ValueCurveSteps.AsNoTracking().Where(s => s.CommunityId == community.Value && s.OrganizationId == organization.Value).ToListAsync(ct);
        return [.. Enum.GetValues<ValueDimension>().Select(d => new ActionPlan(organization, d, [.. rows.Where(r => r.Dimension == d.ToString()).OrderBy(r => r.Rank)
            .Select(r => new ActionStep(r.Rank, r.Text, r.Owner, r.DueOn is { } due ? DateOnly.Parse(due, CultureInfo.InvariantCulture) : null, r.DoneOn is { } done ? DateOnly.Parse(done, CultureInfo.InvariantCulture) : null))]))];
    }

    /// <summary>The partnership's own rubric text, where it has any: (dimension, level) → text.</summary>
    public async Task<IReadOnlyDictionary<(ValueDimension, ValueLevel), string>> RubricAsync(CommunityId community, CancellationToken ct = default) =>
        (await db.ValueCurveRubric.AsNoTracking().Where(r => r.CommunityId == community.Value).ToListAsync(ct))
            .ToDictionary(r => (Enum.Parse<ValueDimension>(r.Dimension), (ValueLevel)r.Level), r => r.Text);

    /// <summary>Replaces the partnership's rubric text; an empty text returns that cell to Braid's wording.</summary>
    public async Task SaveRubricAsync(CommunityId community, IReadOnlyDictionary<(ValueDimension Dimension, ValueLevel Level), string> texts, CancellationToken ct = default)
    {
        await db.ValueCurveRubric.Where(r => r.CommunityId == community.Value).ExecuteDeleteAsync(ct);
        db.ValueCurveRubric.AddRange(texts.Where(t => t.Value.Length > 0).Select(t => new ValueCurveRubricRow { CommunityId = community.Value, Dimension = t.Key.Dimension.ToString(), Level = (int)t.Key.Level, Text = t.Value }));
        await db.SaveChangesAsync(ct);
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
