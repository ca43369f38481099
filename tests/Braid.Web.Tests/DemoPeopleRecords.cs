using Braid.Core.Access;
using Braid.Data;
using Braid.Web.Access;
using Microsoft.EntityFrameworkCore;

namespace Braid.Web.Tests;

/// <summary>People of the seeded demo community for tests to aim at.</summary>
public static class DemoPeopleRecords
{
    /// <summary>A person the demo navigator's organization holds, with a completed screening, and one of their screenings.</summary>
    public static async Task<(string Person, string Screening, string Name)> NavigatorsAsync(BraidApp app)
    {
        await using var db = DatabaseOptions.CreateContext(app.ConnectionString);
        var organization = await db.Memberships.Where(m => m.Role == Roles.Navigator).Select(m => m.OrganizationId).SingleAsync();
        var person = await db.People.Where(p => p.RegisteredBy == organization && db.Screenings.Any(s => s.PersonId == p.Id && s.CompletedAt != null))
            .OrderBy(p => p.Id).FirstAsync();
        var screening = await db.Screenings.Where(s => s.PersonId == person.Id).Select(s => s.Id).FirstAsync();
        return (person.Id, screening, person.GivenName + " " + person.FamilyName);
    }

    /// <summary>A screening the demo navigator's organization left half done, and its person.</summary>
    public static async Task<(string Person, string Screening)> UnfinishedAsync(BraidApp app)
    {
        await using var db = DatabaseOptions.CreateContext(app.ConnectionString);
        var organization = await db.Memberships.Where(m => m.Role == Roles.Navigator).Select(m => m.OrganizationId).SingleAsync();
        return await db.Screenings.Where(s => s.CompletedAt == null && db.People.Any(p => p.Id == s.PersonId && p.RegisteredBy == organization))
            .OrderBy(s => s.Id).Select(s => ValueTuple.Create(s.PersonId, s.Id)).FirstAsync();
    }

    public static string Email(string role) => DemoAccounts.Email(role);
}
