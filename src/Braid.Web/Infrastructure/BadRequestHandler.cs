using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace Braid.Web.Infrastructure;

/// <summary>
/// A request the framework could not read (malformed JSON, a body over the size limit, a form past
/// its field limits or with a broken multipart boundary) is the client's error: its own status
/// (400 or 413) with problem details saying what was wrong, never a 500.
/// </summary>
public sealed class BadRequestHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        var (status, detail) = exception switch
        {
            BadHttpRequestException bad => (bad.StatusCode, Describe(bad)),
            // Form limits (fields, key or value length) and unreadable multipart bodies.
            InvalidDataException or IOException when context.Request.HasFormContentType => (StatusCodes.Status400BadRequest, "The form cannot be read: " + exception.Message),
            _ => (0, ""),
        };
        if (status == 0) return false;
        context.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = status,
                Title = status == StatusCodes.Status413PayloadTooLarge ? "Request body too large" : "The request cannot be read",
                Detail = detail,
            },
        });
    }

    private static string Describe(BadHttpRequestException bad) => bad.InnerException switch
    {
        // Names where the JSON breaks: its path (such as $.hours[0]), line and position.
        JsonException json => $"The JSON body is not valid at {json.Path ?? "$"} (line {json.LineNumber + 1}, position {json.BytePositionInLine + 1}): {json.Message}",
        _ => bad.Message,
    };
}
