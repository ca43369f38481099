using Microsoft.AspNetCore.Identity;

namespace Braid.Data.Access;

/// <summary>A staff member's sign-in identity (ASP.NET Core Identity), shared by every community they work in.</summary>
public sealed class BraidUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    /// <summary>The language they read Braid in (en, es), from their last sign-in; what others send them is worded in it.</summary>
    public string? Language { get; set; }
}

/// <summary>A staff member's role in an organization of a community.</summary>
public sealed class MembershipRow
{
    public string CommunityId { get; set; } = "";
    public string UserId { get; set; } = "";
    public string OrganizationId { get; set; } = "";
    public string Role { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}
