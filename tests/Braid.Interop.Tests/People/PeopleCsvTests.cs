using Braid.Core.People;
using Braid.Interop.People;

namespace Braid.Interop.Tests.People;

/// <summary>People files as clinics keep them: any subset of the columns, spreadsheet spellings, and problems named by line and column.</summary>
public sealed class PeopleCsvTests
{
    private static PeopleFile Read(string csv) => PeopleCsv.Read(new StringReader(csv));

    [Fact]
    public void A_roster_reads_into_people_with_their_declined_answers_and_several_selections()
    {
        var file = Read("\uFEFFFamily_Name,given_name,birth_date,race_ethnicity,sex,interpreter_needed,strengths,confirmed_new\n"
                        + "Ruiz,Ana,1990-04-02,Black; hispanic,Female,yes,\"family nearby; steady job\",\n"
                        + "Okafor,Maria,,Prefer not to say,declined,no,,Y\n"
                        + ",,,,,,,\n");

        Assert.Empty(file.Problems);
        Assert.Equal([2, 3, 4], file.Rows.Select(r => r.Line));
        var (ana, _) = file.Rows[0].Entry.ToPerson();
        Assert.Equal(("Ana", "Ruiz", new DateOnly(1990, 4, 2)), (ana!.GivenName, ana.FamilyName, ana.BirthDate!.Value));
        Assert.Equal(["Black or African American", "Hispanic or Latino"], ana.RaceEthnicity.Value);
        Assert.Equal(Reported<string>.Answer("female"), ana.Sex);
        Assert.True(ana.InterpreterNeeded);
        Assert.Equal(["family nearby", "steady job"], ana.Strengths);
        Assert.False(file.Rows[0].ConfirmedNew);

        var (maria, _) = file.Rows[1].Entry.ToPerson();
        Assert.Equal(ReportStatus.Declined, maria!.RaceEthnicity.Status);
        Assert.Equal(ReportStatus.Declined, maria.Sex.Status);
        Assert.Equal(ReportStatus.NotAsked, maria.GenderIdentity.Status);
        Assert.False(maria.InterpreterNeeded);
        Assert.Null(maria.MayLeaveMessage);
        Assert.True(file.Rows[1].ConfirmedNew);
    }

    [Fact]
    public void A_header_Braid_does_not_know_refuses_the_file_naming_the_column()
    {
        var file = Read("given_name,family_name,birthdate,phone,Phone\nAna,Ruiz,1990-04-02,,\n");

        Assert.Empty(file.Rows);
        Assert.Equal([(1, "birthdate", "people-csv-column-unknown"), (1, "phone", "people-csv-column-repeated")], file.Problems.Select(p => (p.Line, p.Field, p.Error.Key)));
        Assert.Equal("birthdate", file.Problems[0].Error.Args[0]);
        Assert.Equal("people-csv-no-name", Assert.Single(Read("phone\n410-555-0123\n").Problems).Error.Key);
        Assert.Equal("people-csv-empty", Assert.Single(Read("").Problems).Error.Key);
    }

    [Fact]
    public void A_row_that_cannot_be_read_is_a_problem_of_its_own_line_and_column()
    {
        var file = Read("given_name,family_name,may_leave_message\nAna,Ruiz,maybe\nMaria,Okafor,yes,extra\nKwame,Mensah,no\n");

        Assert.Equal([2, 4], file.Rows.Select(r => r.Line));
        Assert.Equal(("yes-no-invalid", "maybe"), (file.Rows[0].Unreadable!["may_leave_message"].Key, file.Rows[0].Unreadable!["may_leave_message"].Args[0]));
        var extra = Assert.Single(file.Problems);
        Assert.Equal((3, "row", "csv-field-count"), (extra.Line, extra.Field, extra.Error.Key));
        Assert.Equal([4, 3], extra.Error.Args);
        var unbalanced = Assert.Single(Read("given_name,family_name\n\"Ana,Ruiz\n").Problems);
        Assert.Equal((2, "csv-field-count"), (unbalanced.Line, unbalanced.Error.Key));
    }

    [Fact]
    public void Too_many_people_for_one_file_refuses_it()
    {
        var csv = "family_name\n" + string.Concat(Enumerable.Repeat("Ruiz\n", PeopleCsv.MaxRows + 1));

        var file = Read(csv);

        Assert.Empty(file.Rows);
        Assert.Equal("people-csv-too-many", Assert.Single(file.Problems).Error.Key);
    }
}
