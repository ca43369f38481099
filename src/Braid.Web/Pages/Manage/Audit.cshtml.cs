using System.Globalization;
using Braid.Application.Audit;
using Braid.Core.Audit;
using Braid.Data.Audit;

namespace Braid.Web.Pages.Manage;

/// <summary>Community administrators search the audit trail by actor, action and dates (the newest 200 matches).</summary>
[RequiredPermission(Permission.AuditSearch)]
public sealed class AuditModel(SearchAudit search) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Actor { get; set; }
    [BindProperty(SupportsGet = true)] public string? Action { get; set; }
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }
    public int Total { get; private set; }
    public List<AuditEvent> Events { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        static DateTimeOffset? Day(string? s) =>
            DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? new DateTimeOffset(d.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null;
        var query = new AuditQuery
        {
            Actor = string.IsNullOrWhiteSpace(Actor) ? null : Actor.Trim(),
            Action = string.IsNullOrWhiteSpace(Action) ? null : Action.Trim(),
            From = Day(From),
            To = Day(To)?.AddDays(1), // the whole "to" day
            PerPage = 200,
        };
        (Total, Events) = await search.RunAsync(query, ct);
        return Page();
    }
}
