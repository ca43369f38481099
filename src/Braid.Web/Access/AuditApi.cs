using System.Globalization;
using Braid.Data.Audit;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Braid.Web.Access;

/// <summary>One audit event as community admins read it, with its place in the hash chain.</summary>
public sealed record AuditEventDto(long Seq, DateTimeOffset At, string Actor, string Action, string Outcome, string? OrganizationId,
    string? Target, string? ClientAddress, string? Purpose, string Hash);

/// <summary>A page of audit events, newest first.</summary>
public sealed record AuditPageDto(int TotalItems, int Page, int PerPage, IReadOnlyList<AuditEventDto> Events);

/// <summary>Community administrators search the audit trail; there is no endpoint that changes it.</summary>
public static class AuditApi
{
    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/audit").WithTags("Audit").RequirePermission(Permission.AuditSearch)
            .MapGet("/", SearchAsync).WithName("SearchAudit")
            .WithSummary("Audit events of this community, newest first: actor, action, target, from, to (ISO 8601), page, per_page (≤ 200).");
        return app;
    }

    private static async Task<Results<Ok<AuditPageDto>, ValidationProblem>> SearchAsync(HttpRequest request, AuditLog audit, ICaller access, Texts texts, CancellationToken ct)
    {
        var errors = new Dictionary<string, InputError>();
        string? Text(string name) => request.Query[name].ToString() is { Length: > 0 } s ? s : null;
        DateTimeOffset? Time(string name)
        {
            if (Text(name) is not { } s) return null;
            if (DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)) return t;
            errors[name] = new InputError("not-a-date-time", s);
            return null;
        }

        int Number(string name, int fallback, int max)
        {
            if (Text(name) is not { } s) return fallback;
            if (int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= 1 && n <= max) return n;
            errors[name] = new InputError("whole-number", 1, max, s);
            return fallback;
        }

        var query = new AuditQuery(access.CommunityId.Value)
        {
            Actor = Text("actor"), Action = Text("action"), Target = Text("target"), From = Time("from"), To = Time("to"),
            Page = Number("page", 1, 100_000), PerPage = Number("per_page", 50, 200),
        };
        if (errors.Count > 0) return TypedResults.ValidationProblem(texts.Errors(errors), title: texts["invalid-audit-search"]);

        var (total, events) = await audit.SearchAsync(query, ct);
        return TypedResults.Ok(new AuditPageDto(total, query.Page, query.PerPage, [.. events.Select(e => new AuditEventDto(
            e.Seq, e.At, e.Entry.Actor, e.Entry.Action, e.Entry.Outcome, e.Entry.OrganizationId, e.Entry.Target, e.Entry.ClientAddress, e.Entry.Purpose, e.Hash))]));
    }
}
