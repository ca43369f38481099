using Braid.Application.People;

namespace Braid.Web.Pages.Me;

/// <summary>Everything Braid holds about the person on one page to print or keep, in their language: the printable side of their download.</summary>
[RequiredPermission(Permission.OwnRecord)]
public sealed class PrintModel(ReadOwnRecord read) : PageModel
{
    public OwnRecord? Record { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Record = await read.RunAsync("print", ct);
        return Record is null ? NotFound() : Page();
    }
}
