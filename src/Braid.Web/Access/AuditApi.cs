using System.ComponentModel;
using System.Globalization;
using Braid.Application.Audit;
using Braid.Data.Audit;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Braid.Web.Access;

/// <summary>One audit event as community admins read it, with its place in the hash chain.</summary>
public sealed record AuditEventDto(long Seq, DateTimeOffset At, string Actor, string Action, string Outcome, string? OrganizationId,
    string? Target, string? ClientAddress, string? Purpose, string Hash);

/// <summary>A page of audit events, newest first.</summary>
public sealed record AuditPageDto(int TotalItems, int Page, int PerPage, IReadOnlyList<AuditEventDto> Events);

/// <summary>The audit search's query string, read as text so that a bad value is named in the answer.</summary>
public sealed class AuditSearchQuery
{
    [FromQuery(Name = "actor"), Description("Who acted: user:…, client:…, cli:… or email:….")] public string? Actor { get; set; }
    [FromQuery(Name = "action"), Description("What was done, e.g. directory.edit or access.AuditSearch.")] public string? Action { get; set; }
    [FromQuery(Name = "target"), Description("What it was done to, e.g. service:… or client:….")] public string? Target { get; set; }
    [FromQuery(Name = "from"), Description("Events at or after this instant (ISO 8601; UTC when no offset is given).")] public string? From { get; set; }
    [FromQuery(Name = "to"), Description("Events before this instant (ISO 8601; UTC when no offset is given).")] public string? To { get; set; }
    [FromQuery(Name = "page"), Description("Page number, from 1 (default 1).")] public string? Page { get; set; }
    [FromQuery(Name = "per_page"), Description("Events per page, 1 to 200 (default 50).")] public string? PerPage { get; set; }
}

/// <summary>Community administrators search the audit trail; there is no endpoint that changes it.</summary>
public static class AuditApi
{
    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/audit").WithTags("Audit").RequirePermission(Permission.AuditSearch)
            .MapGet("/", SearchAsync).WithName("SearchAudit")
            .WithSummary("Audit events of this community, newest first.");
        return app;
    }

    private static async Task<Results<Ok<AuditPageDto>, ValidationProblem>> SearchAsync([AsParameters] AuditSearchQuery search, SearchAudit audit,
        Texts texts, CancellationToken ct)
    {
        var errors = new Dictionary<string, InputError>();
        static string? Text(string? s) => s is { Length: > 0 } ? s : null;
        DateTimeOffset? Time(string name, string? value)
        {
            if (Text(value) is not { } s) return null;
            if (DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)) return t;
            errors[name] = new InputError("not-a-date-time", s);
            return null;
        }

        int Number(string name, string? value, int fallback, int max)
        {
            if (Text(value) is not { } s) return fallback;
            if (int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= 1 && n <= max) return n;
            errors[name] = new InputError("whole-number", 1, max, s);
            return fallback;
        }

        var query = new AuditQuery
        {
            Actor = Text(search.Actor), Action = Text(search.Action), Target = Text(search.Target), From = Time("from", search.From), To = Time("to", search.To),
            Page = Number("page", search.Page, 1, 100_000), PerPage = Number("per_page", search.PerPage, 50, 200),
        };
        if (errors.Count > 0) return TypedResults.ValidationProblem(texts.Errors(errors), title: texts["invalid-audit-search"]);

        var (total, events) = await audit.RunAsync(query, ct);
        return TypedResults.Ok(new AuditPageDto(total, query.Page, query.PerPage, [.. events.Select(e => new AuditEventDto(
            e.Seq, e.At, e.Entry.Actor, e.Entry.Action, e.Entry.Outcome, e.Entry.OrganizationId, e.Entry.Target, e.Entry.ClientAddress, e.Entry.Purpose, e.Hash))]));
    }
}
