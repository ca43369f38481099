using System.Globalization;
using Braid.Application.Partnership;
using Braid.Core.Partnership;

namespace Braid.Web.Pages.ValueCurve;

/// <summary>
/// One organization on the Value Curve: its first and latest self-assessment on a radar chart,
/// every assessment in a table (the chart's text alternative), the evidence, and its plan of five
/// steps per dimension; its administrators record a new assessment and keep the plans.
/// </summary>
[RequiredPermission(Permission.ValueCurveRead)]
public sealed class OrganizationModel(ValueCurves curves, UseCaseContext context, Texts texts) : PageModel
{
    public OrganizationCurve Curve { get; private set; } = null!;
    public ValueRadarChart? Radar { get; private set; }
    public bool MayAssess { get; private set; }
    public Dictionary<string, string[]> Errors { get; private set; } = [];
    public string Today { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAssessAsync(string id, string? assessedOn, string? program, CancellationToken ct)
    {
        var levels = new Dictionary<ValueDimension, ValueLevel>();
        var evidence = new Dictionary<ValueDimension, string>();
        foreach (var d in Enum.GetValues<ValueDimension>())
        {
            var field = ValueCurveAssessment.Field(d);
            if (int.TryParse(Request.Form["level-" + field], NumberStyles.None, CultureInfo.InvariantCulture, out var level) && Enum.IsDefined((ValueLevel)level)) levels[d] = (ValueLevel)level;
            evidence[d] = Request.Form["evidence-" + field].ToString();
        }

        return await AfterAsync(id, await curves.AssessAsync(new OrganizationId(id), program, Braid.Web.Pages.Shared.FormDates.Parse(assessedOn), levels, evidence, ct), "assessed", ct);
    }

    public async Task<IActionResult> OnPostPlanAsync(string id, string? dimension, CancellationToken ct)
    {
        var errors = new Dictionary<string, InputError>();
        var steps = new List<ActionStep>();
        for (var rank = 1; rank <= ActionStep.MaxSteps; rank++)
        {
            DateOnly? Day(string name)
            {
                var text = Request.Form[$"{name}-{rank}"].ToString().Trim();
                if (text.Length == 0) return null;
                if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) return day;
                errors[$"{name}-{rank}"] = new InputError("date-invalid");
                return null;
            }

            steps.Add(new ActionStep(rank, Request.Form[$"step-{rank}"].ToString(), Request.Form[$"owner-{rank}"].ToString(), Day("due"), Day("done")));
        }

        return await AfterAsync(id, await curves.SavePlanAsync(new OrganizationId(id), dimension, steps, errors, ct), "planned", ct);
    }

    private async Task<IActionResult> AfterAsync(string id, IReadOnlyDictionary<string, InputError> errors, string done, CancellationToken ct)
    {
        if (errors.Count == 0) return Redirect($"/value-curve/{id}?lang={Texts.Lang}&done={done}");
        Errors = texts.Errors(errors);
        if (!await LoadAsync(id, ct)) return NotFound();
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task<bool> LoadAsync(string id, CancellationToken ct)
    {
        try
        {
            Curve = await curves.OrganizationAsync(new OrganizationId(id), ct);
        }
        catch (KeyNotFoundException)
        {
            return false;
        }

        MayAssess = await curves.MayAssessAsync(Curve.Organization, ct);
        Today = DateOnly.FromDateTime((await context.LocalNowAsync(ct)).DateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (Curve.Latest is { } latest)
        {
            var first = Curve.First!;
            Radar = new ValueRadarChart("organization-radar", texts["vc-organization-radar", Curve.Name],
                first.Id == latest.Id ? [(texts["vc-latest", latest.AssessedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)], ValueRadarChart.Of(latest), "latest")]
                : [(texts["vc-first", first.AssessedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)], ValueRadarChart.Of(first), "first"),
                   (texts["vc-latest", latest.AssessedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)], ValueRadarChart.Of(latest), "latest")]);
        }

        return true;
    }
}
