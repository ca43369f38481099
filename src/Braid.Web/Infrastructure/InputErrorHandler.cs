using System.Text.Json;
using Braid.Core.Equity;
using Braid.Data.Referrals;
using Microsoft.AspNetCore.Diagnostics;

namespace Braid.Web.Infrastructure;

/// <summary>
/// The one place input errors become problem details: a request the framework could not read
/// (malformed JSON, a body over the size limit, a form past its limits or with a broken multipart
/// boundary) gets its own status (400 or 413); a report beyond <see cref="EquityLimits"/> gets 422; input a use case refuses (<see cref="EquityInputException"/>,
/// a JSON body that does not bind) gets 400 with the field named; a change the domain's rules refuse
/// in the current state (<see cref="DomainRuleException"/>), or to a record changed since it was
/// read (<see cref="ConcurrentChangeException"/>), gets 409. Never a 500.
/// </summary>
public sealed class InputErrorHandler(IProblemDetailsService problems, Texts texts) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        ProblemDetails? problem = exception switch
        {
            BadHttpRequestException bad => new()
            {
                Status = bad.StatusCode,
                Title = bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? texts["problem-too-large"] : texts["problem-unreadable"],
                Detail = Describe(bad),
            },
            // Form limits (fields, key or value length) and unreadable multipart bodies.
            InvalidDataException or IOException when context.Request.HasFormContentType =>
                new() { Status = StatusCodes.Status400BadRequest, Title = texts["problem-unreadable"], Detail = texts["problem-form", exception.Message] },
            // Well-formed, but more than one request may ask of the server: 422, the limit named.
            EquityLimitException limit => Invalid(limit.Where, limit.Message, StatusCodes.Status422UnprocessableEntity, texts["problem-too-much"]),
            EquityInputException input => Invalid(input.Where, input.Message),
            JsonException json => Invalid(json.Path ?? "body", texts["problem-json", json.Message]),
            // PostgreSQL text cannot hold U+0000; the statement failed, so nothing was written.
            _ when Unstorable(exception) => new() { Status = StatusCodes.Status400BadRequest, Title = texts["problem-invalid"], Detail = texts["problem-nul"] },
            DomainRuleException refused => new() { Status = StatusCodes.Status409Conflict, Title = texts["problem-conflict"], Detail = refused.Message },
            ConcurrentChangeException stale => new() { Status = StatusCodes.Status409Conflict, Title = texts["problem-conflict"], Detail = stale.Message },
            _ => null,
        };
        if (problem is null) return false;
        context.Response.StatusCode = problem.Status!.Value;
        // Handled even when the client accepts no problem details (its Accept header): the status answers alone.
        await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
        return true;
    }

    private static bool Unstorable(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
            if (e is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.CharacterNotInRepertoire }) return true;
        return false;
    }

    private HttpValidationProblemDetails Invalid(string field, string message, int status = StatusCodes.Status400BadRequest, string? title = null) =>
        new(new Dictionary<string, string[]> { [field] = [message] }) { Status = status, Title = title ?? texts["problem-invalid"] };

    private string Describe(BadHttpRequestException bad) => bad.InnerException switch
    {
        // Names where the JSON breaks: its path (such as $.hours[0]), line and position.
        JsonException json => texts["problem-json-at", json.Path ?? "$", (json.LineNumber ?? 0) + 1, (json.BytePositionInLine ?? 0) + 1, json.Message],
        _ => bad.Message,
    };
}
