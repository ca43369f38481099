namespace Braid.Web.Access;

/// <summary>
/// The permission an endpoint or page requires, declared where it is mapped. The route-table test
/// fails for an endpoint that declares neither this nor <see cref="PublicAttribute"/>, so a new
/// endpoint cannot forget its policy.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class RequiredPermissionAttribute(Permission permission) : Attribute
{
    public Permission Permission { get; } = permission;
}

/// <summary>Declares that an endpoint needs no Braid permission: sign-in pages, API documentation, a staff member's own account settings.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class PublicAttribute : Attribute;

/// <summary>Declares endpoint permissions and checks them before the handler runs (handlers check organization-level rules themselves).</summary>
public static class RequiredPermissionExtensions
{
    public static TBuilder RequirePermission<TBuilder>(this TBuilder builder, Permission permission) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequiredPermissionAttribute(permission)).AddEndpointFilter(async (context, next) =>
        {
            // Organization-level permissions are checked against the organization in the route, when there is one.
            var organizationId = context.HttpContext.GetRouteValue("organizationId") is string id ? new OrganizationId(id) : (OrganizationId?)null;
            await context.HttpContext.RequestServices.GetRequiredService<UseCaseContext>().AuthorizeAsync(permission, organizationId, ct: context.HttpContext.RequestAborted);
            return await next(context);
        });

    public static TBuilder AllowEveryone<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new PublicAttribute());
}
