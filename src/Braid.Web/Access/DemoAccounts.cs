using System.Security.Cryptography;
using Braid.Core.Demo;
using Braid.Core.Directory.Hsds;
using Braid.Core.Listings;
using Braid.Data;
using Braid.Data.Listings;

namespace Braid.Web.Access;

/// <summary>One staff account per role in the demo community, in organizations of the matching sector.</summary>
public static class DemoAccounts
{
    public const string EmailDomain = "demo.braid.example";

    /// <summary>Role, display name and the sector of the organization the account works in.</summary>
    public static readonly (string Role, string Name, string Sector)[] Accounts =
    [
        (Roles.Navigator, "Nadia Navigator", "health-care"),
        (Roles.CboStaff, "Carlos CBO Staff", "community-based-organization"),
        (Roles.OrgAdmin, "Olivia Org Admin", "community-based-organization"),
        (Roles.Analyst, "Ana Analyst", "backbone"),
        (Roles.CommunityAdmin, "Cam Community Admin", "backbone"),
        (Roles.Finance, "Fran Finance", "backbone"),
        (Roles.Funder, "Felix Funder", "health-plan"),
    ];

    public static string Email(string role) => $"{role}@{EmailDomain}";

    /// <summary>Creates the accounts; returns the password they share (the configured one, else a random one).</summary>
    public static async Task<string> CreateAsync(UserManager<BraidUser> users, BraidDbContext db, HsdsDataset directory, string communityId, string? password, DateTimeOffset now)
    {
        password ??= "Demo-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8));
        foreach (var (role, name, sector) in Accounts)
        {
            // The CBO staff member and the CBO's admin work in the same organization.
            var organization = DemoPeople.OfSector(directory, sector)[0];
            var user = new BraidUser { UserName = Email(role), Email = Email(role), EmailConfirmed = true, DisplayName = name };
            var created = await users.CreateAsync(user, password);
            if (!created.Succeeded) throw new InvalidOperationException("Demo account: " + string.Join("; ", created.Errors.Select(e => e.Description)));
            db.Memberships.Add(new MembershipRow { CommunityId = communityId, UserId = user.Id, OrganizationId = organization.Value, Role = role, CreatedAt = now });
        }

        // The demo organization's claim on its listings is already approved, so its staff can edit from the start.
        var cboOrganization = db.Memberships.Local.First(m => m.Role == Roles.OrgAdmin).OrganizationId;
        var claim = ListingClaim.Request(new OrganizationId(cboOrganization), "demo", now);
        claim.Approve("demo", now);
        await db.SaveChangesAsync();
        await new ListingStore(db, TimeProvider.System).SaveClaimAsync(communityId, claim);
        return password;
    }
}
