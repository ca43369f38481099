using System.Reflection;
using Braid.Application.People;
using Braid.Core;
using Braid.Core.Access;
using Braid.Core.People;
using Braid.Core.Screening;
using Braid.Testing;
using static Braid.Application.Tests.People.PeopleFixture;

namespace Braid.Application.Tests.People;

/// <summary>Consent as a dimension of authorization: what a grantee reads is exactly what the person consented to, until they revoke it.</summary>
public sealed class ConsentTests
{
    public static TheoryData<string> Providers => new(TestDatabases.Providers);

    internal static PersonConsent Consent(Grantee grantee, DataCategory[] categories, Purpose purpose = Purpose.CareCoordination, DateTimeOffset? end = null) => new()
    {
        Id = default, Person = default, Grantee = grantee, Categories = categories.ToHashSet(), Purposes = new HashSet<Purpose> { purpose },
        Start = DateTimeOffset.UtcNow.AddMinutes(-1), End = end, Method = ConsentMethod.InPerson, Language = "es", RecordedBy = "",
    };

    /// <summary>A person with contact details, a positive food and safety screen, and proposed needs for both.</summary>
    internal static async Task<PersonId> ScreenedAsync(Community community)
    {
        var person = await community.RegisterAsync(Draft("Ana", "Ruiz", new DateOnly(1990, 4, 2), "410-555-0123"));
        var screen = new ScreenPerson(community.As(Navigator), community.People());
        var s = (await screen.StartAsync(person, AhcHrsn.Core.Id, "es")).Id!;
        await screen.RespondAsync(s, "88122-7", new ItemResponse(["LA28397-0"]));
        foreach (var item in new[] { "95618-5", "95617-7", "95616-9", "95615-1" }) await screen.RespondAsync(s, item, new ItemResponse(["LA16644-9"]));
        await screen.CompleteAsync(s);
        return person;
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_grantee_sees_exactly_the_consented_categories_until_the_consent_is_revoked(string provider)
    {
        await using var community = await Community.CreateAsync(provider);
        var person = await ScreenedAsync(community);
        var cbo = community.Reader(FoodBankStaff);
        await Assert.ThrowsAsync<AccessDeniedException>(() => cbo.RunAsync(person, "page"));

        var (consent, errors) = await new RecordConsent(community.As(Navigator), community.People())
            .GrantAsync(person, Consent(Grantee.Organization(FoodBank), [DataCategory.Demographics, DataCategory.FoodInsecurity]));
        Assert.Empty(errors);
        var seen = (await cbo.RunAsync(person, "page"))!;

        Assert.Equal("Ana Ruiz", seen.Person!.DisplayName);
        Assert.Null(seen.Person.Phone);
        Assert.Equal(["food-insecurity"], seen.Needs.Select(n => n.Category));
        Assert.Empty(seen.Screenings);
        Assert.Empty(seen.Disclosures);
        Assert.False(seen.IsCustodian);
        Assert.Equal([DataCategory.Demographics, DataCategory.FoodInsecurity], seen.Access.Where(a => a.Value.Allowed).Select(a => a.Key));

        var navigatorView = (await community.Reader(Navigator).RunAsync(person, "page"))!;
        var cboRead = navigatorView.Disclosures.Single(d => d.Actor == FoodBankStaff.Id);
        Assert.Equal((FoodBank, consent!.Value, "page"), (cboRead.Organization!.Value, cboRead.Consent!.Value, cboRead.Channel));
        Assert.Equal([DataCategory.Demographics, DataCategory.FoodInsecurity], cboRead.Categories);

        Assert.True(await new RecordConsent(community.As(Navigator), community.People()).RevokeAsync(person, consent.Value));
        await Assert.ThrowsAsync<AccessDeniedException>(() => cbo.RunAsync(person, "page"));
        Assert.Contains(await community.AuditAsync("people.read"), a => a.StartsWith("people.read denied", StringComparison.Ordinal));
    }

    public static TheoryData<string, string, string, string, bool> Matrix()
    {
        var data = new TheoryData<string, string, string, string, bool>();
        foreach (var grantee in new[] { "food-bank", "other-organization", "role:cbo-staff", "role:navigator", "network" })
        foreach (var category in new[] { nameof(DataCategory.FoodInsecurity), nameof(DataCategory.InterpersonalSafety) })
        foreach (var purpose in new[] { nameof(Purpose.CareCoordination), nameof(Purpose.Analytics) })
        {
            // Only a consent naming the food bank (or its role, or everyone), the category and the purpose of the read lets it in.
            data.Add(TestDatabases.Providers[0], grantee, category, purpose, grantee is "food-bank" or "role:cbo-staff" or "network" && purpose == nameof(Purpose.CareCoordination));
        }

        return data;
    }

    [Theory, MemberData(nameof(Matrix))]
    public async Task Person_grantee_category_and_purpose_leak_nothing(string provider, string grantee, string category, string purpose, bool sees)
    {
        await using var community = await Community.CreateAsync(provider);
        var person = await ScreenedAsync(community);
        var granted = Enum.Parse<DataCategory>(category);
        var to = grantee switch
        {
            "network" => Grantee.Network,
            _ when grantee.StartsWith("role:", StringComparison.Ordinal) => Grantee.Role(grantee[5..]),
            _ => Grantee.Organization(new OrganizationId(grantee)),
        };
        await new RecordConsent(community.As(Navigator), community.People()).GrantAsync(person, Consent(to, [DataCategory.Demographics, granted], Enum.Parse<Purpose>(purpose)));

        var read = community.Reader(FoodBankStaff);
        var need = granted == DataCategory.FoodInsecurity ? "food-insecurity" : "sdoh-category-unspecified";
        if (!sees)
        {
            await Assert.ThrowsAsync<AccessDeniedException>(() => read.RunAsync(person, "page", Purpose.CareCoordination));
            Assert.Empty(await new FindPeople(community.As(FoodBankStaff), community.People()).RunAsync("Ana Ruiz", null, null));
            return;
        }

        var record = (await read.RunAsync(person, "page"))!;
        Assert.Equal([need], record.Needs.Select(n => n.Category));
        Assert.Single(await new FindPeople(community.As(FoodBankStaff), community.People()).RunAsync("Ana Ruiz", null, null));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Breaking_the_glass_needs_a_reason_is_flagged_to_the_community_admin_and_a_bad_consent_is_refused(string provider)
    {
        await using var community = await Community.CreateAsync(provider);
        var person = await ScreenedAsync(community);
        var mail = new SentMail();
        await community.Db.Users.AddAsync(new() { Id = "community", UserName = "admin@example.org", Email = "admin@example.org" });
        await community.Db.SaveChangesAsync();
        community.Db.Memberships.Add(new() { CommunityId = "demo", UserId = "community", OrganizationId = "backbone", Role = Roles.CommunityAdmin });
        await community.Db.SaveChangesAsync();

        var record = (await community.Reader(FoodBankStaff, mail).RunAsync(person, "page", breakGlassReason: "Ana is in the ER and cannot speak"))!;

        Assert.Equal(2, record.Needs.Count);
        Assert.True(record.Access[DataCategory.InterpersonalSafety].BrokeTheGlass);
        Assert.Equal(("admin@example.org", "break-glass"), (mail.Sent.Single().To, mail.Sent.Single().Message.Key));
        Assert.Contains("people.break-glass emergency access: Ana is in the ER and cannot speak", await community.AuditAsync("people.break-glass"));

        var consents = new RecordConsent(community.As(Navigator), community.People());
        var (_, errors) = await consents.GrantAsync(person, Consent(Grantee.Network, [DataCategory.Demographics], end: DateTimeOffset.UtcNow.AddDays(-1)) with { Method = ConsentMethod.Verbal });
        Assert.Equal(["end", "witness"], errors.Keys.Order());
        await Assert.ThrowsAsync<AccessDeniedException>(() => new RecordConsent(community.As(FoodBankStaff), community.People())
            .GrantAsync(person, Consent(Grantee.Network, [DataCategory.Demographics])));
        Assert.Empty(community.Db.Consents);
    }

    /// <summary>Every public use-case method that hands out a person's data, each called once: each must append to the person's disclosure log.</summary>
    [Theory, MemberData(nameof(Providers))]
    public async Task Every_read_path_of_person_data_is_disclosed(string provider)
    {
        await using var community = await Community.CreateAsync(provider);
        var person = await ScreenedAsync(community);
        var screening = community.Db.Screenings.Single().Id;
        var paths = new Dictionary<string, Func<Task>>
        {
            ["FindPeople.RunAsync"] = () => new FindPeople(community.As(Navigator), community.People()).RunAsync("Ana Ruiz", null, null),
            ["ReadPerson.RunAsync"] = () => community.Reader(Navigator).RunAsync(person, "page"),
            ["ScreenPerson.ReadAsync"] = () => new ScreenPerson(community.As(Navigator), community.People()).ReadAsync(screening),
            ["RegisterPerson.RunAsync"] = () => new RegisterPerson(community.As(Navigator), community.People()).RunAsync(Clinic, Draft("Ana", "Ruiz", new DateOnly(1990, 4, 2))),
        };

        // A method that returns stored person data (a person, record, match, screening…) is a read path.
        var personData = new[] { typeof(Person), typeof(PersonRecord), typeof(PersonMatch), typeof(Registration), typeof(Screening), typeof(Need), typeof(Goal), typeof(PersonConsent), typeof(Disclosure) };
        var useCases = typeof(ReadPerson).Assembly.GetTypes()
            .Where(t => t.Namespace == typeof(ReadPerson).Namespace && t.IsPublic && t.GetConstructors().Any(c => c.GetParameters().Any(p => p.ParameterType == typeof(UseCaseContext))));
        var reads = useCases
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly).Select(m => (t, m)))
            .Where(x => x.m.ReturnType.ToString() is var r && personData.Any(p => r.Contains(p.FullName!, StringComparison.Ordinal)))
            .Select(x => $"{x.t.Name}.{x.m.Name}").Order();
        Assert.Equal(reads, paths.Keys.Order());

        foreach (var (name, read) in paths)
        {
            var before = await community.DisclosuresAsync(person);
            await read();
            Assert.True(await community.DisclosuresAsync(person) > before, name + " read the person without a disclosure");
        }
    }
}
