using Braid.Application.Referrals;
using Braid.Core.Referrals;
using Braid.Data.Referrals;

namespace Braid.Web.Pages.Referrals;

/// <summary>
/// An organization's referrals: its inbox (sent to it), oldest waiting first among those still
/// open, or those it sent, each open one with its next deadline. Filters: open, closed, all or one
/// status; assigned to me; missed deadlines only.
/// </summary>
[RequiredPermission(Permission.ReferralRead)]
public sealed class IndexModel(ReadReferrals read, UseCaseContext context) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Organization { get; set; }
    [BindProperty(SupportsGet = true)] public string Box { get; set; } = "received";

    /// <summary>"open" (the default), "closed", "all", or a status code.</summary>
    [BindProperty(SupportsGet = true)] public string Status { get; set; } = "open";
    [BindProperty(SupportsGet = true)] public bool Mine { get; set; }
    [BindProperty(SupportsGet = true)] public bool Missed { get; set; }
    public IReadOnlyList<OrganizationId> Organizations { get; private set; } = [];
    public IReadOnlyList<ReferralListing> Referrals { get; private set; } = [];
    public DateTimeOffset Now { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        (Organizations, var shown) = await ReferralDesk.ChooseAsync(context, Organization, ct);
        if (shown is not { } organization) return Forbid();
        Organization = organization.Value;
        var actor = await context.Caller.ActorAsync(ct);
        var box = Box == "sent" ? ReferralBox.Sent : ReferralBox.Received;
        IReadOnlyCollection<ReferralStatus>? statuses = Status switch
        {
            "all" => null,
            "closed" => [.. Enum.GetValues<ReferralStatus>().Where(s => s.IsClosed())],
            _ when ReferralWorkflow.FromCode(Status) is { } one => [one],
            _ => [.. Enum.GetValues<ReferralStatus>().Where(s => !s.IsClosed())],
        };
        var listed = await read.ListAsync(organization, box, new ReferralFilter { Statuses = statuses, Assignee = Mine ? actor.Id : null }, ct);
        Now = context.Time.GetUtcNow();
        if (Missed) listed = [.. listed.Where(l => l.Deadline?.IsMissed(Now) == true)];
        // The longest waiting first: an inbox is worked from its oldest open referral.
        Referrals = Status == "open" ? [.. listed.OrderBy(l => l.Referral.SentAt)] : listed;
        return Page();
    }
}
