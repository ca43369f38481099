namespace Braid.Web.Infrastructure;

/// <summary>Input no request may carry, refused at the door.</summary>
public static class NulRefusal
{
    /// <summary>
    /// Refuses a query string holding a NUL (%00) before anything reads it: no parameter means one,
    /// and PostgreSQL text cannot hold it.
    /// </summary>
    public static IApplicationBuilder UseNulRefusal(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.Request.Query.Any(q => q.Key.Contains('\0', StringComparison.Ordinal) || q.Value.Any(v => v?.Contains('\0', StringComparison.Ordinal) == true)))
        {
            var texts = context.RequestServices.GetRequiredService<Texts>();
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.RequestServices.GetRequiredService<IProblemDetailsService>().TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = { Status = 400, Title = texts["problem-invalid"], Detail = texts["problem-nul"] },
            });
            return;
        }

        await next();
    });
}
