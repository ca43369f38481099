using Braid.Application.Funding;

namespace Braid.Web.Pages.Funding;

/// <summary>
/// The intermediary's books: the streams and what each has left, the months of invoices, allocating
/// a month to the streams, and a month's invoices line by line (why a line fits no stream), to pay
/// an invoice or reverse an unpaid allocation.
/// </summary>
[RequiredPermission(Permission.FundingManage)]
public sealed class IndexModel(ManageFunding funding, Texts texts) : PageModel
{
    public IReadOnlyList<StreamSummary> Streams { get; private set; } = [];
    public IReadOnlyList<InvoiceMonth> Months { get; private set; } = [];
    public IReadOnlyList<InvoiceView> Invoices { get; private set; } = [];
    public string? Month { get; private set; }
    public string? Message { get; private set; }

    public async Task OnGetAsync(string? month, string? done, CancellationToken ct)
    {
        Message = done is { Length: > 0 and < 300 } ? done : null;
        await LoadAsync(month, ct);
    }

    public async Task<IActionResult> OnPostAllocateAsync(string? month, CancellationToken ct)
    {
        if (SubmitInvoice.ParseMonth(month) is null) return BadRequest(texts.Error(new InputError("month-format")));
        var run = await funding.AllocateMonthAsync(month!, ct);
        return Done(month!, texts["funding-allocated", run.Braided, run.Blended, Money(run.Amount), run.Refused]);
    }

    public async Task<IActionResult> OnPostPayAsync(string? invoiceId, string? month, CancellationToken ct)
    {
        try
        {
            return Done(month, texts["funding-paid", Money(await funding.PayAsync(invoiceId ?? "", ct))]);
        }
        catch (KeyNotFoundException)
        {
            return NotFound();
        }
    }

    public async Task<IActionResult> OnPostReverseAsync(string? entryId, string? month, string? why, CancellationToken ct)
    {
        try
        {
            await funding.ReverseAsync(entryId ?? "", why, ct);
            return Done(month, texts["funding-reversed"]);
        }
        catch (KeyNotFoundException)
        {
            return NotFound();
        }
    }

    private RedirectResult Done(string? month, string message) =>
        Redirect($"/funding?lang={Texts.Lang}{(SubmitInvoice.ParseMonth(month) is null ? "" : "&month=" + month)}&done={Uri.EscapeDataString(message)}");

    private async Task LoadAsync(string? month, CancellationToken ct)
    {
        Streams = await funding.StreamsAsync(ct);
        Months = await funding.MonthsAsync(ct);
        if (SubmitInvoice.ParseMonth(month) is null) return;
        Month = month;
        Invoices = await funding.InvoicesAsync(month!, ct);
    }

    public static string Money(decimal amount) => amount.ToString("C2", System.Globalization.CultureInfo.GetCultureInfo("en-US"));
}
