using System.Globalization;
using Braid.Application.Directory;
using Braid.Application.Referrals;
using Braid.Core.Directory.Search;
using Braid.Core.People;
using Braid.Core.ResourceLists;
using Braid.Data.Outbox;
using Braid.Data.ResourceLists;

namespace Braid.Application.ResourceLists;

/// <summary>A resource list with each picked service as the directory holds it now (null when it is no longer listed).</summary>
public sealed record ResourceListView(ResourceList List, IReadOnlyList<(string Id, DirectoryEntry? Entry)> Services);

/// <summary>
/// A navigator picks services from a search into a list for someone, then prints it in that
/// person's language or sends it by email or text; the text carries only a short link. Anyone
/// with the link reads the list: it holds public listings and nothing about the person.
/// </summary>
public sealed class ShareResourceList(UseCaseContext context, ResourceListStore lists, OutboxStore outbox, SearchDirectory directory, PublicSite site)
{
    /// <summary>Whether the caller may make and send lists (staff who serve people), to offer it on the search page.</summary>
    public async Task<bool> MayShareAsync(CancellationToken ct = default) =>
        AccessPolicy.Decide(await context.Caller.ActorAsync(ct), Permission.PersonWrite, context.CommunityId).Allowed;

    /// <summary>Makes a list of services at locations; its code, or the fields that are wrong.</summary>
    public async Task<(string? Code, IReadOnlyDictionary<string, InputError> Errors)> CreateAsync(
        IReadOnlyList<string> services, string language, IReadOnlyCollection<string> languages, CancellationToken ct = default)
    {
        var actor = await context.AuthorizeAsync(Permission.PersonWrite, ct: ct);
        var (list, errors) = ResourceList.Create(services, language, languages, actor.Id, context.Time.GetUtcNow());
        if (list is null) return (null, errors);
        var index = (await directory.CurrentAsync(ct)).Index;
        if (list.Services.FirstOrDefault(id => index.Find(id) is null) is { } unknown)
            return (null, new Dictionary<string, InputError> { ["services"] = new("list-unknown-service", unknown) });
        await context.ChangeAsync(async audit =>
        {
            await lists.AddAsync(context.CommunityId, list, ct);
            audit.Record(actor, "lists.create", $"{list.Services.Count} services, {list.Language}", target: Target(list.Code));
            return true;
        }, ct);
        return (list.Code, errors);
    }

    /// <summary>The list under a code, for anyone who has the link; null when there is none.</summary>
    public async Task<ResourceListView?> ReadAsync(string code, CancellationToken ct = default)
    {
        await context.AuthorizeAsync(Permission.DirectoryRead, ct: ct);
        if (!ResourceList.IsCode(code) || await lists.FindAsync(context.CommunityId, code, ct) is not { } list) return null;
        var index = (await directory.CurrentAsync(ct)).Index;
        return new ResourceListView(list, [.. list.Services.Select(id => (id, index.Find(id)))]);
    }

    /// <summary>The short link a text message carries.</summary>
    public string Link(string code) => site.Link("/l/" + code);

    /// <summary>
    /// Sends the list to an email address (every service with its address and phone, and the link)
    /// or a phone (the link alone), in the list's language. The same list to the same contact is
    /// one message. Null when there is no such list; otherwise the fields that are wrong (none when queued).
    /// </summary>
    public async Task<IReadOnlyDictionary<string, InputError>?> SendAsync(string code, string? to, CancellationToken ct = default)
    {
        var actor = await context.AuthorizeAsync(Permission.PersonWrite, ct: ct);
        if (await ReadAsync(code, ct) is not { } view) return null;
        if (PortalContact.Parse(to) is not { } contact) return new Dictionary<string, InputError> { ["to"] = new("list-contact") };
        var byEmail = contact.Kind == PortalContactKind.Email;
        var listed = view.Services.Select(s => s.Entry).OfType<DirectoryEntry>().ToList();
        var text = byEmail
            ? new OutboxText("resource-list", [listed.Count.ToString(CultureInfo.InvariantCulture), Link(code), string.Join("\n\n", listed.Select(Lines))])
            : new OutboxText("resource-list", [Link(code)]);
        var now = context.Time.GetUtcNow();
        await context.ChangeAsync(async audit =>
        {
            await outbox.QueueAsync([OutboxMessageRow.Due(context.CommunityId.Value, $"list:{code}:{contact.Key}", byEmail ? "email" : "sms",
                contact.Value, view.List.Language, text.ToJson(), now)], ct);
            audit.Record(actor, "lists.send", contact.Masked, target: Target(code));
            return true;
        }, ct);
        return new Dictionary<string, InputError>();
    }

    // Names, addresses and phones are the listings' own words, the same in every language.
    private static string Lines(DirectoryEntry e) => string.Join("\n", new[] { e.ServiceName, e.OrganizationName, e.Address, string.Join(", ", e.Phones) }
        .Where(line => !string.IsNullOrWhiteSpace(line)));

    private static string Target(string code) => "list:" + code;
}
