using Braid.Application.People;
using Braid.Core;
using Braid.Core.Access;
using Braid.Core.People;
using Braid.Data.People;
using Microsoft.EntityFrameworkCore;

namespace Braid.Application.Tests.People;

/// <summary>Mail the use cases send, kept for the test to read.</summary>
internal sealed class SentMail : IMailer
{
    public List<(string To, EmailMessage Message)> Sent { get; } = [];

    public Task SendAsync(string to, EmailMessage message, string? language = null, string? dedupeKey = null)
    {
        Sent.Add((to, message));
        return Task.CompletedTask;
    }
}

/// <summary>A clinic whose navigator registers people, a food bank whose CBO staff may read them under consent, and the use cases as each.</summary>
internal static class PeopleFixture
{
    public static readonly OrganizationId Clinic = new("clinic");
    public static readonly OrganizationId FoodBank = new("food-bank");
    public static readonly Actor Navigator = Community.Staff("nav", Clinic.Value, Roles.Navigator);
    public static readonly Actor FoodBankStaff = Community.Staff("cbo", FoodBank.Value, Roles.CboStaff);

    public static Person Draft(string given, string family, DateOnly? born = null, string? phone = null) =>
        new() { Id = default, RegisteredBy = default, GivenName = given, FamilyName = family, BirthDate = born, Phone = phone };

    public static async Task<PersonId> RegisterAsync(this Community community, Person draft)
    {
        var registration = await new RegisterPerson(community.As(Navigator), community.People()).RunAsync(Clinic, draft, confirmedNew: true);
        return registration.Id ?? throw new InvalidOperationException(string.Join(", ", registration.Errors.Keys));
    }

    public static PeopleStore People(this Community community) => new(community.Db);

    public static ReadPerson Reader(this Community community, Actor actor, SentMail? mail = null) => new(community.As(actor), community.People(), mail ?? new SentMail());

    public static async Task<int> DisclosuresAsync(this Community community, PersonId person) =>
        await community.Db.Disclosures.CountAsync(d => d.PersonId == person.Value);
}
