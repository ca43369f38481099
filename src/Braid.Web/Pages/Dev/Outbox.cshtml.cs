namespace Braid.Web.Pages.Dev;

/// <summary>
/// The development outbox: reset links and other emails, readable without a mail server. Absent
/// outside development; even there it holds everyone's reset links, so only community administrators read it.
/// </summary>
[RequiredPermission(Permission.OutboxRead)]
public sealed class OutboxModel(OutboxEmailSender outbox, IWebHostEnvironment environment) : PageModel
{
    public string Folder => outbox.Folder;
    public IReadOnlyList<(string Name, string Text)> Messages { get; private set; } = [];

    public IActionResult OnGet()
    {
        if (!environment.IsDevelopment()) return NotFound();
        Messages = outbox.Messages();
        return Page();
    }
}
