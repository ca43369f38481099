namespace Braid.Core.Access;

/// <summary>The roles a staff member holds in an organization of a community.</summary>
public static class Roles
{
    /// <summary>Screens people, finds services, sends referrals (clinics, hospitals, health plans, counties).</summary>
    public const string Navigator = "navigator";

    /// <summary>Works a community-based organization's referrals and keeps its listings current.</summary>
    public const string CboStaff = "cbo-staff";

    /// <summary>Manages an organization's staff, API clients and listings.</summary>
    public const string OrgAdmin = "org-admin";

    /// <summary>Reads de-identified outcomes and equity reports for the partnership.</summary>
    public const string Analyst = "analyst";

    /// <summary>Runs the exchange: approves listing claims, watches freshness, reads the audit trail.</summary>
    public const string CommunityAdmin = "community-admin";

    /// <summary>Keeps the partnership's books at the intermediary (the backbone): creates funding streams, allocates providers' invoices to them, pays.</summary>
    public const string Finance = "finance";

    /// <summary>Reads the reports of the funding streams its own organization funds.</summary>
    public const string Funder = "funder";

    public static readonly IReadOnlyList<string> All = [Navigator, CboStaff, OrgAdmin, Analyst, CommunityAdmin, Finance, Funder];
}

/// <summary>Scopes an API client can be granted.</summary>
public static class Scopes
{
    public const string DirectoryRead = "directory.read";
    public const string DirectoryWrite = "directory.write";

    /// <summary>Read people's records, as their consents allow.</summary>
    public const string PersonRead = "person.read";

    /// <summary>Record screenings for people.</summary>
    public const string ScreeningWrite = "screening.write";

    /// <summary>Read the referrals the client's organization sent or received.</summary>
    public const string ReferralRead = "referral.read";

    /// <summary>Send referrals and update those sent to the client's organization.</summary>
    public const string ReferralWrite = "referral.write";

    public static readonly IReadOnlyList<string> All = [DirectoryRead, DirectoryWrite, PersonRead, ScreeningWrite, ReferralRead, ReferralWrite];
}
