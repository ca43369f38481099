using System.Globalization;
using Braid.Application.Partnership;
using Braid.Core.Partnership;

namespace Braid.Web.Pages.Measures;

/// <summary>Analysts and community administrators define a shared measure, or change one's definition and target.</summary>
[RequiredPermission(Permission.MeasureManage)]
public sealed class DefineModel(SharedMeasures measures, Texts texts) : PageModel
{
    /// <summary>The form as typed; the target is a percentage for a share.</summary>
    public sealed record MeasureForm(string? Name, string? Kind, string? Need, string? Target, string? Owner, string? Steward, string? About);

    public MeasureForm Form { get; private set; } = new(null, "loop-closed", null, null, null, null, null);
    public IReadOnlyList<(string Id, string Name)> Owners { get; private set; } = [];
    public Dictionary<string, string[]> Errors { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string? id, CancellationToken ct)
    {
        Owners = await measures.OwnersAsync(ct);
        if (id is null) return Page();
        if (await measures.ShowAsync(id, ct) is not { } detail) return NotFound();
        var m = detail.View.Measure;
        var target = (MeasureRules.IsShare(m.Kind) ? m.Target * 100 : m.Target).ToString("0.##", CultureInfo.InvariantCulture);
        Form = new MeasureForm(m.Name, MeasureRules.Code(m.Kind), m.Need, target, m.Owner.Value, m.Steward, m.About);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? id, string? name, string? kind, string? need, string? target, string? owner, string? steward, string? about, CancellationToken ct)
    {
        var number = double.TryParse(target?.Trim().TrimEnd('%'), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) && double.IsFinite(parsed) ? parsed : double.NaN;
        try
        {
            var (saved, errors) = await measures.SaveAsync(id, name, kind, need, number, owner, steward, about, ct);
            if (saved is not null) return Redirect($"/measures/{saved}?lang={Texts.Lang}&done=saved");
            Errors = texts.Errors(errors);
        }
        catch (KeyNotFoundException)
        {
            return NotFound();
        }

        Form = new MeasureForm(name, kind, need, target, owner, steward, about);
        Owners = await measures.OwnersAsync(ct);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
