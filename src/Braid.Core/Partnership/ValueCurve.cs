namespace Braid.Core.Partnership;

/// <summary>
/// The four dimensions along which an organization places itself on the Human Services Value
/// Curve (Leadership for a Networked World and the American Public Human Services Association;
/// published under CC BY-NC, so Braid words its own descriptions and a partnership may load its own).
/// </summary>
public enum ValueDimension { GovernanceAndStructures, InsightAndEvidence, ServicesAndSolutions, PeopleAndCulture }

/// <summary>The curve's four levels, from delivering programs by their rules to building well-being with the community.</summary>
public enum ValueLevel { Regulative = 1, Collaborative = 2, Integrative = 3, Generative = 4 }

/// <summary>An organization's (or one of its programs') self-assessment on a day: a level and evidence for each dimension.</summary>
public sealed record ValueCurveAssessment
{
    public const int MaxEvidence = 2000, MaxProgram = 200;

    public required string Id { get; init; }
    public required OrganizationId Organization { get; init; }

    /// <summary>The program assessed; null for the whole organization.</summary>
    public string? Program { get; init; }
    public required DateOnly AssessedOn { get; init; }
    public required IReadOnlyDictionary<ValueDimension, ValueLevel> Levels { get; init; }
    public IReadOnlyDictionary<ValueDimension, string> Evidence { get; init; } = new Dictionary<ValueDimension, string>();
    public required string AssessedBy { get; init; }

    /// <summary>Each field that is wrong; empty when the assessment may be stored. Every dimension needs a level; evidence is optional.</summary>
    public Dictionary<string, InputError> Validate(DateOnly today)
    {
        var errors = new Dictionary<string, InputError>();
        foreach (var dimension in Enum.GetValues<ValueDimension>())
        {
            if (!Levels.TryGetValue(dimension, out var level) || !Enum.IsDefined(level)) errors[Field(dimension)] = new InputError("value-level-required");
            if (Evidence.GetValueOrDefault(dimension) is { Length: > MaxEvidence } text) errors["evidence-" + Field(dimension)] = new InputError("too-long", MaxEvidence, text.Length);
        }

        if (AssessedOn > today) errors["assessed_on"] = new InputError("assessed-in-future");
        if (Program is { } program && (program.Length > MaxProgram || program.Any(char.IsControl))) errors["program"] = new InputError("too-long", MaxProgram, program.Length);
        return errors;
    }

    /// <summary>A dimension's name in forms and URLs: governance-and-structures, insight-and-evidence, ….</summary>
    public static string Field(ValueDimension dimension) => dimension switch
    {
        ValueDimension.GovernanceAndStructures => "governance-and-structures",
        ValueDimension.InsightAndEvidence => "insight-and-evidence",
        ValueDimension.ServicesAndSolutions => "services-and-solutions",
        _ => "people-and-culture",
    };
}

/// <summary>One of the top five steps an organization plans, for one dimension, to move up the curve.</summary>
public sealed record ActionStep(int Rank, string Text, string? Owner, DateOnly? Due, DateOnly? Done)
{
    public const int MaxSteps = 5, MaxText = 500;
}

/// <summary>An organization's plan for one dimension: at most five steps, ranked.</summary>
public sealed record ActionPlan(OrganizationId Organization, ValueDimension Dimension, IReadOnlyList<ActionStep> Steps)
{
    public Dictionary<string, InputError> Validate()
    {
        var errors = new Dictionary<string, InputError>();
        if (Steps.Count > ActionStep.MaxSteps) errors["steps"] = new InputError("action-steps-too-many", ActionStep.MaxSteps);
        foreach (var step in Steps)
        {
            if (step.Text.Length > ActionStep.MaxText || step.Text.Any(char.IsControl)) errors[$"step-{step.Rank}"] = new InputError("too-long", ActionStep.MaxText, step.Text.Length);
            if (step.Owner is { Length: > 200 } owner) errors[$"owner-{step.Rank}"] = new InputError("too-long", 200, owner.Length);
        }

        return errors;
    }
}

/// <summary>
/// Where the levels of an assessment sit on a radar chart: one axis per dimension, clockwise from
/// the top, level 0 at the centre and Generative (4) on the outer ring.
/// </summary>
public static class ValueRadar
{
    public static (double X, double Y) Point(ValueDimension dimension, double level, double centre, double radius)
    {
        var angle = 2 * Math.PI * (int)dimension / Enum.GetValues<ValueDimension>().Length;
        var r = radius * level / (int)ValueLevel.Generative;
        return (centre + r * Math.Sin(angle), centre - r * Math.Cos(angle));
    }

    /// <summary>The mean level of each dimension over assessments (the partnership's shape).</summary>
    public static IReadOnlyDictionary<ValueDimension, double> Mean(IEnumerable<ValueCurveAssessment> assessments)
    {
        var list = assessments.ToList();
        return Enum.GetValues<ValueDimension>().ToDictionary(d => d, d => list.Count == 0 ? 0 : list.Average(a => (int)a.Levels.GetValueOrDefault(d)));
    }
}
