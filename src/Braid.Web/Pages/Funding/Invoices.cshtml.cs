using Braid.Application.Funding;
using Braid.Data.Directory;

namespace Braid.Web.Pages.Funding;

/// <summary>A provider's staff bill a month of the referrals they completed and follow their invoices: allocated, paid.</summary>
[RequiredPermission(Permission.InvoiceSubmit)]
public sealed class InvoicesModel(SubmitInvoice invoices, UseCaseContext context, Texts texts) : PageModel
{
    public IReadOnlyList<(OrganizationId Id, string Name, IReadOnlyList<InvoiceView> Invoices)> Providers { get; private set; } = [];
    public Dictionary<string, string[]> Errors { get; private set; } = [];
    public string Month { get; private set; } = "";
    public bool Submitted { get; private set; }

    public async Task OnGetAsync(string? done, CancellationToken ct)
    {
        Submitted = done == "submitted";
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(string? organizationId, string? month, string? unitPrice, CancellationToken ct)
    {
        var provider = new OrganizationId(organizationId ?? "");
        var price = decimal.TryParse(unitPrice?.Trim().TrimStart('$'), System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out var p) ? p : (decimal?)null;
        var errors = await invoices.SubmitAsync(provider, month, price, ct);
        if (errors.Count == 0) return Redirect($"/funding/invoices?lang={Texts.Lang}&done=submitted");
        Errors = texts.Errors(errors);
        await LoadAsync(ct);
        Month = month ?? Month;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var mine = await invoices.ProvidersAsync(ct);
        var names = await new HsdsReader(context.Db).OrganizationNamesAsync(context.CommunityId.Value, [.. mine.Select(m => m.Value)], ct);
        var list = new List<(OrganizationId, string, IReadOnlyList<InvoiceView>)>();
        foreach (var provider in mine) list.Add((provider, names.GetValueOrDefault(provider.Value) ?? provider.Value, await invoices.InvoicesAsync(provider, ct)));
        Providers = list;
        var now = context.Time.GetUtcNow();
        Month = now.AddMonths(-1).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
    }
}
