using Microsoft.AspNetCore.Diagnostics;

namespace Braid.Web.Access;

/// <summary>Turns a denied permission into problem details: 401 when nobody is signed in, 403 otherwise.</summary>
public sealed class AccessDeniedHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        if (exception is not AccessDeniedException denied) return false;
        var anonymous = denied.Actor.Kind == ActorKind.Anonymous;
        context.Response.StatusCode = anonymous ? StatusCodes.Status401Unauthorized : StatusCodes.Status403Forbidden;
        // Handled even when the client accepts no problem details (its Accept header): the status answers alone.
        await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = context.Response.StatusCode,
                Title = anonymous ? "Sign in required" : "Not allowed",
                Detail = $"{denied.Permission}: {denied.Decision.Reason}.",
            },
        });
        return true;
    }
}
