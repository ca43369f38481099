using Braid.Core.Access;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Braid.Web.Access;

/// <summary>
/// Enforces a page's <see cref="RequiredPermissionAttribute"/> before any of its handlers runs, as
/// the endpoint filter does for APIs, so a new handler cannot forget it. Handlers still ask again
/// with the organization of the record they load.
/// </summary>
public sealed class RequiredPermissionPageFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<RequiredPermissionAttribute>() is { } required)
        {
            try
            {
                await context.HttpContext.RequestServices.GetRequiredService<AccessControl>().DemandAsync(required.Permission, ct: context.HttpContext.RequestAborted);
            }
            catch (AccessDeniedException denied)
            {
                context.Result = PageAccess.Refusal(denied); // already audited
                return;
            }
        }

        await next();
    }
}
