using Braid.Data.Referrals;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Braid.Web.Access;

/// <summary>
/// Enforces a page's <see cref="RequiredPermissionAttribute"/> before any of its handlers runs, as
/// the endpoint filter does for APIs, so a new handler cannot forget it; use cases still ask again
/// with the organization of the record they load. A denial from a use case becomes sign-in or
/// "access denied", and a transition the domain refuses (or a change to a record someone else
/// changed since the form was read) a 409, for every page alike.
/// </summary>
public sealed class RequiredPermissionPageFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        try
        {
            if (context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<RequiredPermissionAttribute>() is { } required)
            {
                await context.HttpContext.RequestServices.GetRequiredService<UseCaseContext>().AuthorizeAsync(required.Permission, ct: context.HttpContext.RequestAborted);
            }
        }
        catch (AccessDeniedException denied)
        {
            context.Result = PageAccess.Refusal(denied); // already audited
            return;
        }

        var executed = await next();
        executed.Result = executed.Exception switch
        {
            AccessDeniedException denied => PageAccess.Refusal(denied),
            DomainRuleException refused => new ConflictObjectResult(refused.Message),
            ConcurrentChangeException stale => new ConflictObjectResult(stale.Message),
            _ => executed.Result,
        };
        executed.ExceptionHandled = executed.Exception is AccessDeniedException or DomainRuleException or ConcurrentChangeException;
    }
}
