using Braid.Application.Funding;

namespace Braid.Web.Pages.Funding;

/// <summary>The funding streams the caller may read the reports of: a funder's own, or all for the intermediary.</summary>
[RequiredPermission(Permission.FundingReport)]
public sealed class StreamsModel(FunderReports reports) : PageModel
{
    public IReadOnlyList<StreamSummary> Streams { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Streams = await reports.StreamsAsync(ct);
}
