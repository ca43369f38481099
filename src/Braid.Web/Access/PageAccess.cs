namespace Braid.Web.Access;

/// <summary>Pages turn a denial into sign-in or "access denied", as APIs turn it into 401 or 403.</summary>
public static class PageAccess
{
    /// <summary>Sign in when nobody is signed in; "access denied" otherwise.</summary>
    public static IActionResult Refusal(AccessDeniedException denied) =>
        denied.Actor.Kind == ActorKind.Anonymous ? new ChallengeResult() : new ForbidResult();
}
