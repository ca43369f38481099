using Braid.Application;
using Braid.Core.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Braid.Web.Access;

/// <summary>Pages turn a denial into sign-in or "access denied", as APIs turn it into 401 or 403.</summary>
public static class PageAccess
{
    /// <summary>Null when allowed; otherwise the result to return (the denial is already audited).</summary>
    public static async Task<IActionResult?> DenyUnlessAsync(this PageModel page, UseCaseContext context, Permission permission, string? organizationId = null, string? target = null)
    {
        try
        {
            await context.AuthorizeAsync(permission, organizationId, target, page.HttpContext.RequestAborted);
            return null;
        }
        catch (AccessDeniedException denied)
        {
            return Refusal(denied);
        }
    }

    /// <summary>Sign in when nobody is signed in; "access denied" otherwise.</summary>
    public static IActionResult Refusal(AccessDeniedException denied) =>
        denied.Actor.Kind == ActorKind.Anonymous ? new ChallengeResult() : new ForbidResult();
}
