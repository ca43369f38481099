namespace Braid.Web.Pages.People;

/// <summary>The organization a staff member registers and imports people for: the one they serve people in.</summary>
internal static class ServingOrganization
{
    public static OrganizationId Of(Actor actor) =>
        actor.Memberships.FirstOrDefault(m => m.Role is Roles.Navigator or Roles.CboStaff or Roles.OrgAdmin)?.OrganizationId ?? actor.Memberships[0].OrganizationId;
}
