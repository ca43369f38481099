using System.Text;
using Braid.Interop.Hsds;

namespace Braid.Interop.Tests.Hsds;

/// <summary>
/// Inputs that a probe saw import "successfully" with nothing imported or with damaged data:
/// each must now be an error naming the problem, or a warning where the data is still usable.
/// </summary>
public sealed class SilentImportTests
{
    private static string Folder(params (string Path, string Text)[] files)
    {
        var folder = Directory.CreateTempSubdirectory("braid-silent-").FullName;
        foreach (var (path, text) in files)
        {
            var full = Path.Combine(folder, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, text);
        }

        return folder;
    }

    private const string Organizations = "id,name,description\norg-1,Eastside Food Bank,Food for east Baltimore\n";

    public static TheoryData<string> NothingToImport => new()
    {
        "an empty JSON array", "an empty folder", "a folder with no HSDS files", "a malformed datapackage.json", "a datapackage listing no resources",
        "a datapackage listing only missing resources", "an empty API page",
    };

    [Theory, MemberData(nameof(NothingToImport))]
    public void Given_nothing_importable_When_read_Then_it_is_an_error_saying_what_was_looked_for(string input)
    {
        var path = input switch
        {
            "an empty JSON array" => Path.Combine(Folder(("services.json", "[]")), "services.json"),
            "an empty folder" => Folder(),
            "a folder with no HSDS files" => Folder(("README.txt", "Our directory"), ("logo.png", "")),
            "a malformed datapackage.json" => Folder(("datapackage.json", "{\"resources\": [")),
            "a datapackage listing no resources" => Folder(("datapackage.json", "{\"name\": \"x\"}")),
            "a datapackage listing only missing resources" => Folder(("datapackage.json", "{\"resources\": [{\"path\": \"services.csv\"}]}")),
            "an empty API page" => Path.Combine(Folder(("page.json", "{\"total_items\": 0, \"contents\": []}")), "page.json"),
            _ => throw new ArgumentOutOfRangeException(nameof(input)),
        };

        var (records, issues, _) = HsdsImporter.Read(path);

        Assert.Empty(records);
        var error = Assert.Single(issues, i => !i.IsWarning);
        Assert.Equal("nothing-to-import", error.Code);
        Assert.Contains("Looked for", error.Problem);
    }

    [Fact]
    public void Given_a_malformed_or_incomplete_datapackage_When_read_Then_it_is_reported()
    {
        Assert.Contains(HsdsImporter.Read(Folder(("datapackage.json", "{\"resources\": ["))).Issues, i => i.Code == "datapackage-malformed");
        Assert.Contains(HsdsImporter.Read(Folder(("datapackage.json", "{\"resources\": [{\"path\": \"services.csv\"}]}"))).Issues, i => i.Code == "resource-missing");
    }

    [Fact]
    public void Given_a_resource_path_outside_the_package_When_read_Then_it_is_refused_and_not_read()
    {
        var outside = Folder(("organizations.csv", Organizations));
        var package = Folder(("datapackage.json", $"{{\"resources\": [{{\"path\": \"../{Path.GetFileName(outside)}/organizations.csv\"}}, {{\"path\": \"../../etc/passwd\"}}]}}"));

        var (records, issues, _) = HsdsImporter.Read(package);

        Assert.Empty(records);
        Assert.Equal(2, issues.Count(i => i.Code == "resource-outside-package" && !i.IsWarning));
    }

    [Fact]
    public void Given_JSON_inside_a_subfolder_When_read_Then_it_is_found()
    {
        var (records, issues, _) = HsdsImporter.Read(Folder(("export/organizations.json", "[{\"id\": \"d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610\", \"name\": \"Eastside Food Bank\"}]")));
        Assert.Single(records);
        Assert.DoesNotContain(issues, i => !i.IsWarning);
    }

    [Fact]
    public void Given_CSV_tables_in_a_data_subfolder_When_read_Then_they_are_found()
    {
        var (records, _, format) = HsdsImporter.Read(Folder(("data/organizations.csv", Organizations), ("data/regular_schedules.csv", "id,service_id,weekday,opens_at,closes_at\n")));
        Assert.Single(records);
        Assert.Equal("hsds-1.x/2.x tabular", format);
    }

    [Fact]
    public void Given_unbalanced_quotes_or_extra_fields_When_read_Then_the_rows_are_errors_not_shifted_data()
    {
        var (records, issues, _) = HsdsImporter.Read(Folder(("organizations.csv",
            "id,name,description\norg-1,Eastside Food Bank,Food\norg-2,\"Westside, Inc,Food for west\norg-3,Northside,Food\n"),
            ("locations.csv", "id,organization_id,name\nloc-1,org-1,Main site,extra,fields\n")));

        Assert.Contains(issues, i => !i.IsWarning && i.File == "locations.csv" && i.Code == "field-count");
        Assert.Contains(issues, i => !i.IsWarning && i.File == "organizations.csv" && i.Code is "field-count" or "invalid-csv");
        Assert.DoesNotContain(records, r => r.Table == "location");
    }

    [Fact]
    public void Given_Latin1_bytes_When_read_Then_the_letters_are_kept_and_the_encoding_is_reported()
    {
        var folder = Folder();
        File.WriteAllBytes(Path.Combine(folder, "organizations.csv"), Encoding.Latin1.GetBytes("id,name,description\norg-1,Centro Hispano de Baltimore,Ayuda en español\n"));

        var (records, issues, _) = HsdsImporter.Read(folder);

        Assert.Equal("Ayuda en español", Assert.Single(records).Values["description"]);
        Assert.Contains(issues, i => i.IsWarning && i.Code == "not-utf8");
    }

    [Fact]
    public void Given_a_number_where_a_name_belongs_When_read_Then_it_is_flagged()
    {
        var (_, issues, _) = HsdsImporter.Read(Folder(("organizations.csv", "id,name,description\norg-1,21205,Eastside\n")));
        Assert.Contains(issues, i => i.IsWarning && i.Code == "name-is-number" && i.Field == "name");
    }

    [Fact]
    public void Given_a_one_megabyte_value_When_reported_Then_the_report_quotes_only_its_start()
    {
        var huge = new string('9', 1_000_000) + "x";
        var (records, issues, _) = HsdsImporter.Read(Folder(("locations.csv", $"id,name,latitude\nd9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610,Main,{huge}\n")));
        var validated = HsdsValidator.Validate(records, "c", (_, _) => false);

        var issue = Assert.Single(validated.Issues, i => i.Field == "latitude");
        Assert.Contains("1,000,001 characters", issue.Problem);
        Assert.All(issues.Concat(validated.Issues), i => Assert.True(i.ToString().Length < 1000));
    }
}
