using Braid.Application.Partnership;
using Braid.Core.Partnership;

namespace Braid.Web.Pages.ValueCurve;

/// <summary>What each level of each dimension means: Braid's own wording of the Value Curve, or the partnership's where it wrote its own (community administrators do).</summary>
[RequiredPermission(Permission.ValueCurveRead)]
public sealed class RubricModel(ValueCurves curves, UseCaseContext context, Texts texts) : PageModel
{
    public IReadOnlyDictionary<(ValueDimension, ValueLevel), string> Own { get; private set; } = new Dictionary<(ValueDimension, ValueLevel), string>();
    public bool MayWord { get; private set; }
    public Dictionary<string, string[]> Errors { get; private set; } = [];

    /// <summary>The text of a cell: the partnership's, else Braid's.</summary>
    public string Text(ValueDimension dimension, ValueLevel level) =>
        Own.TryGetValue((dimension, level), out var own) ? own : texts[$"vc-rubric-{ValueCurveAssessment.Field(dimension)}-{(int)level}"];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var cells = Enum.GetValues<ValueDimension>().SelectMany(d => Enum.GetValues<ValueLevel>().Select(l => (d, l)))
            .ToDictionary(c => c, c => Request.Form[$"rubric-{ValueCurveAssessment.Field(c.d)}-{(int)c.l}"].ToString());
        var errors = await curves.SaveRubricAsync(cells, ct);
        if (errors.Count == 0) return Redirect($"/value-curve/rubric?lang={Texts.Lang}");
        Errors = texts.Errors(errors);
        await LoadAsync(ct);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Own = await curves.RubricAsync(ct);
        MayWord = AccessPolicy.Decide(await context.Caller.ActorAsync(ct), Permission.ValueCurveRubric, context.CommunityId).Allowed;
    }
}
