using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Braid.Web.Infrastructure;

/// <summary>
/// Gives every request one id that its log lines carry (a logging scope), its response returns
/// (<c>X-Correlation-Id</c>) and its problem details name, so a person's "it failed" and the
/// server's log meet. A caller's own id is kept when it is a plain token; otherwise the request's trace id is used.
/// </summary>
public static partial class CorrelationId
{
    public const string Header = "X-Correlation-Id";

    private static readonly object Key = new();

    /// <summary>The request's correlation id.</summary>
    public static string Of(HttpContext context) => context.Items[Key] as string ?? context.TraceIdentifier;

    public static IApplicationBuilder UseCorrelationId(this IApplicationBuilder app)
    {
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger("Braid.Request");
        return app.Use(async (context, next) =>
        {
            // A caller's id is echoed into logs and headers, so only a short plain token is taken.
            var id = context.Request.Headers[Header].ToString() is { } given && PlainToken().IsMatch(given) ? given
                : Activity.Current?.TraceId.ToHexString() ?? context.TraceIdentifier;
            context.Items[Key] = id;
            // Set as the response starts: the exception handler clears the headers of a failed response, which needs the id most.
            context.Response.OnStarting(() =>
            {
                context.Response.Headers[Header] = id;
                return Task.CompletedTask;
            });
            using (logger.BeginScope(new Dictionary<string, object> { ["CorrelationId"] = id }))
            {
                await next();
            }
        });
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex PlainToken();
}
