using Braid.Application.Funding;

namespace Braid.Web.Pages.Funding;

/// <summary>
/// A stream's report for its funder (and the intermediary): committed, spent, paid, remaining,
/// units and people served, by need and by tract with small rows withheld; as CSV too. The
/// intermediary also sees and sets which providers may bill the stream.
/// </summary>
[RequiredPermission(Permission.FundingReport)]
public sealed class StreamModel(FunderReports reports, ManageFunding funding, UseCaseContext context, Texts texts) : PageModel
{
    public FunderReport Report { get; private set; } = null!;
    public bool MayManage { get; private set; }
    public Dictionary<string, string[]> Errors { get; private set; } = [];
    public IReadOnlyList<(string Id, string Name)> Providers { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnGetCsvAsync(string id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? File(System.Text.Encoding.UTF8.GetBytes(FunderReports.Csv(Report)), "text/csv; charset=utf-8", $"funding-{id}.csv") : NotFound();

    public async Task<IActionResult> OnPostAuthorizeAsync(string id, string? provider, string? limit, CancellationToken ct)
    {
        try
        {
            var amount = decimal.TryParse(limit?.Trim().TrimStart('$').Replace(",", "", StringComparison.Ordinal), System.Globalization.NumberStyles.AllowDecimalPoint,
                System.Globalization.CultureInfo.InvariantCulture, out var parsed) ? parsed : (decimal?)null;
            var errors = await funding.AuthorizeAsync(id, provider, amount, ct);
            if (errors.Count == 0) return Redirect($"/funding/streams/{id}?lang={Texts.Lang}");
            Errors = texts.Errors(errors);
        }
        catch (KeyNotFoundException)
        {
            return NotFound();
        }

        await LoadAsync(id, ct);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task<bool> LoadAsync(string id, CancellationToken ct)
    {
        if (await reports.ReportAsync(id, ct) is not { } report) return false;
        Report = report;
        MayManage = AccessPolicy.Decide(await context.Caller.ActorAsync(ct), Permission.FundingManage, context.CommunityId).Allowed;
        if (MayManage) Providers = await funding.ProvidersAsync(ct);

        return true;
    }
}
