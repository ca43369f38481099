using Braid.Application.Equity;
using Braid.Core.Equity;
using Braid.Data.Equity;
using Braid.Interop.Equity;

namespace Braid.Web.Pages.Equity;

/// <summary>Analysts import tract-level context (a CSV keyed by census tract GEOID) and see what has been imported, with its citations.</summary>
[RequiredPermission(Permission.ContextImport)]
public sealed class ContextModel(ImportContext import, Texts texts) : PageModel
{
    [BindProperty] public IFormFile? Data { get; set; }
    [BindProperty] public string? Source { get; set; }

    public IReadOnlyList<ContextSourceRow> Sources { get; private set; } = [];
    public string? Message { get; private set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Sources = await import.SourcesAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        try
        {
            if (Data is null || Data.Length == 0) throw new EquityInputException("data", texts["context-choose-file"]);
            using var reader = new StreamReader(Data.OpenReadStream());
            var file = TractContext.Read(EquityCsv.Read(reader));
            var (count, _) = await import.RunAsync(file, Path.GetFileName(Data.FileName), Source, ct);
            Message = texts["context-imported", count, string.Join(", ", file.Columns), string.Join(" ", file.Notes)];
        }
        catch (EquityInputException e)
        {
            Error = e.Message;
        }

        Sources = await import.SourcesAsync(ct);
        return Page();
    }
}
