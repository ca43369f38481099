using Braid.Application.Partnership;

namespace Braid.Web.Pages.Measures;

/// <summary>The partnership's shared measures: each one's latest month against its target, its owner and steward.</summary>
[RequiredPermission(Permission.MeasureRead)]
public sealed class IndexModel(SharedMeasures measures) : PageModel
{
    public IReadOnlyList<MeasureView> Measures { get; private set; } = [];
    public bool MayManage { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Measures = await measures.ListAsync(ct);
        MayManage = await measures.MayManageAsync(ct);
    }
}
