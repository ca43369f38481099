using Braid.Application.People;
using Braid.Core;
using Braid.Core.People;
using Braid.Testing;
using Microsoft.EntityFrameworkCore;
using static Braid.Application.Tests.People.PeopleFixture;

namespace Braid.Application.Tests.People;

/// <summary>Importing people: every row checked first, likely duplicates held back (also of an earlier row of the same file), nothing half-written.</summary>
public sealed class ImportPeopleTests
{
    public static TheoryData<string> Providers => new(TestDatabases.Providers);

    private static PeopleFileRow Row(int line, string given, string family, string? born = null, string? phone = null, bool confirmedNew = false) =>
        new(line, new PersonEntry { GivenName = given, FamilyName = family, BirthDate = born, Phone = phone }, confirmedNew);

    [Theory, MemberData(nameof(Providers))]
    public async Task Likely_duplicates_of_someone_registered_or_of_an_earlier_row_are_held_back_and_the_rest_registered(string provider)
    {
        await using var community = await Community.CreateAsync(provider);
        var elizabeth = await community.RegisterAsync(Draft("Elizabeth", "Ruiz", new DateOnly(1984, 3, 12), "410-555-0123"));
        var import = new ImportPeople(community.As(Navigator), new RegisterPerson(community.As(Navigator), community.People()));

        var result = await import.RunAsync(Clinic, new PeopleFile(
        [
            Row(2, "Liz", "Ruiz", "1984-12-03"),                      // nickname, day and month swapped
            Row(3, "Kwame", "Mensah", "1975-07-21", "410-555-0188"),
            Row(4, "Kwame", "Mensha", "1975-07-21", "4105550188"),    // the row before, with a typo
            Row(5, "Aisha", "Bello", "2001-01-30"),
        ], []));

        Assert.True(result.Committed);
        Assert.Equal((4, 2), (result.Read, result.Registered));
        Assert.Equal([2, 4], result.HeldBack.Select(h => h.Row.Line));
        Assert.Equal(elizabeth, Assert.Single(result.HeldBack[0].Duplicates).Id);
        var kwame = await community.Db.People.SingleAsync(p => p.FamilyName == "Mensah");
        Assert.Equal(kwame.Id, Assert.Single(result.HeldBack[1].Duplicates).Id!.Value.Value);
        Assert.Contains(result.HeldBack[1].Duplicates[0].Match.Fields, f => f.Field == "family_name" && f.How == "typo");
        Assert.Equal(["Bello", "Mensah", "Ruiz"], community.Db.People.Select(p => p.FamilyName).AsEnumerable().Order());
        Assert.Contains("people.import 2 of 4 rows registered, 2 held back as likely duplicates, 0 invalid skipped", await community.AuditAsync("people.import"));

        // The navigator confirms row 4 is someone else and imports the file again: everyone already registered is now a duplicate of themself.
        var again = await import.RunAsync(Clinic, new PeopleFile([Row(2, "Kwame", "Mensah", "1975-07-21", "410-555-0188"), Row(3, "Kwame", "Mensha", "1975-07-21", "4105550188", confirmedNew: true)], []));
        Assert.Equal(1, again.Registered);
        Assert.Equal([2], again.HeldBack.Select(h => h.Row.Line));
        Assert.Equal(2, await community.Db.People.CountAsync(p => p.GivenName == "Kwame"));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task One_bad_row_refuses_the_file_naming_line_and_field_unless_bad_rows_are_skipped(string provider)
    {
        await using var community = await Community.CreateAsync(provider);
        var import = new ImportPeople(community.As(Navigator), new RegisterPerson(community.As(Navigator), community.People()));
        var unreadable = new Dictionary<string, InputError> { ["interpreter_needed"] = new("yes-no-invalid", "maybe") };
        PeopleFile File() => new(
        [
            Row(2, "Ana", "Ruiz", "1990-04-02"),
            Row(3, "", "", "2999-01-01", "12"),
            Row(4, "Maria", "Okafor", "1971-02-30"),
            new PeopleFileRow(5, new PersonEntry { FamilyName = "Diallo" }, Unreadable: unreadable),
        ], [new RowProblem(6, "row", new InputError("csv-field-count", 3, 2))]);

        var refused = await import.RunAsync(Clinic, File());

        Assert.False(refused.Committed);
        Assert.Equal([(3, "birth_date"), (3, "family_name"), (3, "phone"), (4, "birth_date"), (5, "interpreter_needed"), (6, "row")],
            refused.Problems.Select(p => (p.Line, p.Field)).OrderBy(p => p));
        Assert.Equal(5, refused.Read);
        Assert.Empty(community.Db.People);
        Assert.Empty(await community.AuditAsync("people.import"));

        var skipped = await import.RunAsync(Clinic, File(), skipInvalid: true);
        Assert.True(skipped.Committed);
        Assert.Equal(1, skipped.Registered);
        Assert.Equal("Ruiz", Assert.Single(community.Db.People).FamilyName);

        var header = await import.RunAsync(Clinic, new PeopleFile([Row(2, "Ana", "Diaz")], [new RowProblem(1, "birthdate", new InputError("people-csv-column-unknown", "birthdate", ""))]), skipInvalid: true);
        Assert.False(header.Committed);
        Assert.Single(community.Db.People);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Someone_who_may_not_register_people_is_refused_before_the_file_is_read(string provider)
    {
        await using var community = await Community.CreateAsync(provider);
        var analyst = Community.Staff("analyst", Clinic.Value, Braid.Core.Access.Roles.Analyst);
        var import = new ImportPeople(community.As(analyst), new RegisterPerson(community.As(analyst), community.People()));

        await Assert.ThrowsAsync<AccessDeniedException>(() => import.RunAsync(Clinic, new PeopleFile([Row(2, "Ana", "Ruiz")], [])));
        await Assert.ThrowsAsync<AccessDeniedException>(() => new ImportPeople(community.As(Navigator), new RegisterPerson(community.As(Navigator), community.People()))
            .RunAsync(FoodBank, new PeopleFile([Row(2, "Ana", "Ruiz")], [])));
        Assert.Empty(community.Db.People);
    }
}
