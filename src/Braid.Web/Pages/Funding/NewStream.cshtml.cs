using Braid.Application.Funding;
using Braid.Core.Funding;

namespace Braid.Web.Pages.Funding;

/// <summary>The intermediary records a funder's commitment: a stream, its period, how it meets costs, and its rules.</summary>
[RequiredPermission(Permission.FundingManage)]
public sealed class NewStreamModel(ManageFunding funding, UseCaseContext context, Texts texts) : PageModel
{
    [BindProperty]
    public FundingStreamForm Form { get; set; } = new();

    public Dictionary<string, string[]> Errors { get; private set; } = [];

    /// <summary>The organizations that can fund: id and name.</summary>
    public IReadOnlyList<(string Id, string Name)> Organizations { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(context.Time.GetUtcNow().UtcDateTime);
        Form = new FundingStreamForm { Start = today.ToString("yyyy-MM-dd"), End = new DateOnly(today.Year, 12, 31).ToString("yyyy-MM-dd"), Method = "braided" };
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var (stream, errors) = Form.Parse(Guid.NewGuid().ToString());
        if (stream is not null) errors = new(await funding.CreateStreamAsync(stream, ct));
        if (errors.Count == 0) return Redirect($"/funding/streams/{stream!.Id}?lang={Texts.Lang}");
        Errors = texts.Errors(errors);
        await LoadAsync(ct);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct) => Organizations = await funding.FundersAsync(ct);
}
