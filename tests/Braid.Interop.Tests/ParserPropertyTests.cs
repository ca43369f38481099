using System.Text;
using Braid.Core.Equity;
using Braid.Interop.Equity;
using Braid.Interop.Fhir;
using Braid.Interop.Hsds;
using Braid.Interop.People;
using Braid.Testing;
using FsCheck;
using FsCheck.Fluent;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace Braid.Interop.Tests;

/// <summary>
/// Every reader of outside files, given random text and random damage to a valid file (cut short,
/// a character inserted, removed or replaced, a stretch repeated), answers with its own named
/// error or a result: never another exception, which a server would turn into a 500.
/// </summary>
public sealed class ParserPropertyTests
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(250);

    private static readonly string OutcomeTable = "race,age_band,need_met\nWhite,18-34,1\nBlack,35-64,0\n\"Asian;White\",65+,1\nDeclined,18-34,\n";
    private static readonly string PeopleFile = "given_name,family_name,birth_date,email,phone,language\nRosa,Quispe,1981-04-02,rosa@example.org,410-555-0101,es\n\"Ana, María\",Díaz,1990-12-31,,,en\n";
    private static readonly string FhirTask = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fhir-sdoh", "examples", "Task-SDOHCC-TaskReferralManagementOrderFulfillmentCompletedExample.json"));
    private static readonly string HsdsService = File.ReadAllText(Path.Combine(RepoPaths.HsdsExamples, "service_full.json"));

    /// <summary>Damage of one of five kinds at a place; the numbers come from FsCheck, so a failure shrinks to the smallest damage.</summary>
    private static string Damage(string valid, int kind, int place, char c)
    {
        var at = (int)((uint)place % (uint)(valid.Length + 1));
        return (((kind % 5) + 5) % 5) switch
        {
            0 => valid[..at],
            1 => valid.Insert(at, c.ToString()),
            2 => at < valid.Length ? valid.Remove(at, 1) : valid,
            3 => at < valid.Length ? valid[..at] + c + valid[(at + 1)..] : valid + c,
            _ => valid[..at] + valid[at..Math.Min(valid.Length, at + 40)] + valid[at..],
        };
    }

    private static void ForAllDamaged(string valid, Func<string, bool> holds)
    {
        Prop.ForAll<int, int, char>((kind, place, c) => holds(Damage(valid, kind, place, c))).Check(Runs);
        Prop.ForAll<string>(text => holds(text ?? "")).Check(Runs);
    }

    [Fact]
    public void An_outcome_table_reads_or_says_what_is_wrong() => ForAllDamaged(OutcomeTable, text =>
    {
        try
        {
            return EquityCsv.Read(new StringReader(text)).RowCount >= 1;
        }
        catch (EquityInputException e)
        {
            return e.Message.Length > 0;
        }
    });

    [Fact]
    public void A_people_file_never_throws_and_every_problem_names_a_line() => ForAllDamaged(PeopleFile, text =>
    {
        var file = PeopleCsv.Read(new StringReader(text));
        return file.Problems.All(p => p.Line >= 1 && p.Error.Key.Length > 0) && file.Rows.All(r => r.Line >= 2);
    });

    [Fact]
    public void A_fhir_resource_parses_or_fails_as_the_api_reports_it()
    {
        static bool Reported(string text)
        {
            try
            {
                return FhirJson.Parse<Resource>(text) is not null;
            }
            catch (Exception e) when (e is System.Text.Json.JsonException or DeserializationFailedException or FormatException)
            {
                return true;
            }
        }

        // What the HTTP corpus found the damage rarely makes: JSON that is not an object, a lone surrogate.
        Assert.All(new[] { "[]", "[", "7", "\"Task\"", "{\"resourceType\":\"Task\",\"id\":\"\\ud800\"}" }, text => Assert.True(Reported(text), text));
        ForAllDamaged(FhirTask, Reported);
    }

    [Fact]
    public void An_hsds_file_imports_or_is_reported_never_thrown()
    {
        var folder = System.IO.Directory.CreateTempSubdirectory("braid-hsds-prop-").FullName;
        var n = 0;
        ForAllDamaged(HsdsService, text =>
        {
            var file = Path.Combine(folder, $"service-{n++}.json");
            File.WriteAllText(file, text, Encoding.UTF8);
            var (records, issues, _) = HsdsImporter.Read(file);
            return records.Count > 0 || issues.Count > 0;
        });
    }
}
